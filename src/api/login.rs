//! `POST /api/login` (§12.1).

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::read;
use super::users::UserWire;
use crate::app::AppState;
use crate::service::login::{self as svc, LoginOutcome, LoginRequest};
use crate::service::tenants;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/login").route(web::post().to(login)));
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = LoginRequest)]
pub(crate) struct LoginInput {
    login_id: Option<String>,
    password: Option<String>,
    application_id: Option<Uuid>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub token: String,
    pub token_expiration_instant: i64,
    pub user: UserWire,
}

async fn login(
    state: web::Data<AppState>,
    caller: Caller,
    req: actix_web::HttpRequest,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: LoginInput = body::typed(
        serde_json::Value::Object(body::object(&bytes, "login")?),
        "",
    )?;
    let hint = caller.tenant_hint();
    let app = state.get_ref().clone();
    let ip_address = state.client_ip(&req);
    let request = LoginRequest {
        login_id: input.login_id,
        password: input.password,
        application_id: input.application_id,
        ip_address,
    };
    // The password check (argon2, slow) runs on a read connection; only recording the outcome
    // goes through the writer.
    let (tenant_id, credentials, request) = read(&state, move |conn, _| {
        let scope = tenants::resolve(conn, &hint)?;
        let (tenant_id, credentials) = svc::check_credentials(conn, scope, &request)?;
        Ok((tenant_id, credentials, request))
    })
    .await?;
    // A wrong password may lock the user out: its batch holds the user's lock from the start,
    // in the one order every batch locks in (see `db::writer`).
    let locks = match credentials {
        svc::Credentials::WrongPassword(user) => vec![crate::db::writer::LockKey::user(user)],
        _ => vec![],
    };
    let now = state.now();
    let outcome = state
        .writer
        .run_locking(locks, move |conn| {
            Ok::<_, ApiError>(svc::complete_login(
                conn,
                now,
                &app.outbound,
                tenant_id,
                credentials,
                request,
            )?)
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(match outcome {
        LoginOutcome::Success {
            token,
            expires,
            user,
        } => HttpResponse::Ok().json(LoginResponse {
            token,
            token_expiration_instant: expires,
            user: UserWire::from(user.as_ref()),
        }),
        LoginOutcome::NotFound => HttpResponse::NotFound().finish(),
        LoginOutcome::Deactivated => {
            HttpResponse::build(actix_web::http::StatusCode::LOCKED).finish()
        }
        LoginOutcome::Prevented(actions) => {
            HttpResponse::Conflict().json(serde_json::json!({ "actions": actions }))
        }
    })
}
