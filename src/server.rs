//! Building the actix application and running the HTTP server.

use std::sync::Arc;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{middleware, web, App, HttpResponse, HttpServer};

use crate::app::AppState;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::Db;
use crate::service;

/// The largest request body accepted; larger gets 413.
pub const MAX_BODY: usize = 1 << 20;

/// Opens the database, runs migrations and creates what must exist before the first request.
pub fn prepare(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    let db = Db::connect(&config.database_url, config.pool_size)?;
    let state = AppState::new(db, clock, config);
    let mut conn = state.db.write()?;
    let now = state.now();
    service::tenants::ensure_default(&mut conn, now)
        .map_err(|e| anyhow::anyhow!("creating the Default tenant: {e}"))?;
    let configured = state
        .config
        .admin_email
        .as_deref()
        .zip(state.config.admin_password.as_deref());
    if let Some(configured) = configured {
        let created = service::staff::ensure_first_admin(&mut conn, now, Some(configured))
            .map_err(|e| anyhow::anyhow!("creating the first administrator: {e}"))?;
        if let service::staff::FirstAdmin::Created(email) = created {
            tracing::info!(%email, "created the first administrator from ACTIONEER_ADMIN_EMAIL");
        }
    }
    if let Some(key) = &state.config.api_key {
        service::api_keys::ensure_configured(&mut conn, now, key)
            .map_err(|e| anyhow::anyhow!("creating ACTIONEER_API_KEY: {e}"))?;
    }
    Ok(state)
}

/// With no staff at all (no ACTIONEER_ADMIN_EMAIL, no demo), logs a one-time link that creates
/// the first administrator.
fn offer_setup_link(state: &AppState) -> anyhow::Result<()> {
    let mut conn = state.db.write()?;
    let first = service::staff::ensure_first_admin(&mut conn, state.now(), None)
        .map_err(|e| anyhow::anyhow!("preparing the setup link: {e}"))?;
    if let service::staff::FirstAdmin::SetupToken(token) = first {
        tracing::warn!(
            "no administrator yet: open {}/admin/setup?token={token} to create one (valid 24 hours)",
            state.config.base_url.trim_end_matches('/')
        );
    }
    Ok(())
}

/// Registers everything an app needs; used by `serve` and by the tests.
pub fn configure(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(web::Data::new(state))
            .app_data(web::PayloadConfig::new(MAX_BODY))
            .configure(crate::api::routes)
            .configure(crate::web::routes);
    }
}

/// Statuses whose body the spec says is empty; framework-made bodies (413, 405) are dropped.
pub async fn empty_error_bodies(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, actix_web::Error> {
    // Admin pages render their own error pages.
    let api = !req.path().starts_with("/admin");
    let res = next.call(req).await?;
    let status = res.status();
    let empty = matches!(
        status,
        StatusCode::UNAUTHORIZED
            | StatusCode::NOT_FOUND
            | StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::INTERNAL_SERVER_ERROR
    );
    if empty && api {
        let (req, old) = res.into_parts();
        let mut empty = HttpResponse::build(status);
        // 405 must still say which methods the path has.
        if let Some(allow) = old.headers().get(actix_web::http::header::ALLOW) {
            empty.insert_header((actix_web::http::header::ALLOW, allow.clone()));
        }
        let res = empty.finish().map_into_right_body();
        Ok(ServiceResponse::new(req, res))
    } else {
        Ok(res.map_into_left_body())
    }
}

pub async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let bind = config.bind.clone();
    let state = web::block(move || {
        let state = prepare(config, Arc::new(SystemClock))?;
        if demo {
            crate::demo::seed(&state)?;
        }
        offer_setup_link(&state)?;
        Ok::<_, anyhow::Error>(state)
    })
    .await
    .map_err(|e| anyhow::anyhow!("start-up failed: {e}"))??;
    state.spawn_health_check();
    // Translators' files on disk win over the embedded copy, and are reloaded when they change.
    crate::i18n::reload::start(
        &state.locales,
        &state.config.locales_dir,
        state.shutdown.clone(),
    );
    crate::delivery::worker::spawn(state.clone());
    tracing::info!(%bind, backend = ?state.db.backend(), "Actioneer listening");
    let served = state.clone();
    HttpServer::new(move || {
        App::new()
            .wrap(middleware::from_fn(empty_error_bodies))
            .wrap(middleware::Logger::new("%r %s %Dms").log_target("actioneer::http"))
            .configure(configure(served.clone()))
    })
    .bind(&bind)
    .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?
    .run()
    .await?;
    // The requests are answered; the workers finish their rounds before the process ends.
    let grace = crate::delivery::worker::STOP_GRACE;
    let stopped =
        actix_web::rt::task::spawn_blocking(move || crate::delivery::worker::stop(&state, grace))
            .await
            .unwrap_or(false);
    if !stopped {
        tracing::warn!(
            ?grace,
            "workers still busy at exit; their leased items will be retried"
        );
    }
    Ok(())
}
