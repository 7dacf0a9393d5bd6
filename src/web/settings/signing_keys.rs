//! HMAC signing keys for webhook signatures: list (never the secret), generate (the secret shown
//! once, on the page the form redirects to), delete (refused while a webhook signs with the key).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{Confirm, SECTION};
use crate::app::AppState;
use crate::domain::signing_key::{KeyInput, SigningKey};
use crate::service::{flash, signing_keys as svc};
use crate::web::path_id;
use crate::web::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/signing-keys", web::get().to(list))
        .route("/settings/signing-keys/new", web::get().to(new))
        .route("/settings/signing-keys/new", web::post().to(create))
        .route(
            "/settings/signing-keys/{id}/created",
            web::get().to(created),
        )
        .route(
            "/settings/signing-keys/{id}/delete",
            web::get().to(confirm_delete),
        )
        .route("/settings/signing-keys/{id}/delete", web::post().to(delete));
}

/// Fields the form shows errors for.
const FIELDS: &[&str] = &["key.name", "key.algorithm", "keyId"];

/// The algorithms offered, strongest last.
const ALGORITHMS: [&str; 3] = ["HS256", "HS384", "HS512"];

#[derive(Template)]
#[template(path = "admin/settings/signing_keys.html")]
struct ListPage {
    ctx: Ctx,
    keys: Vec<SigningKey>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let keys = read(&state, |conn, _| svc::list(conn)).await?;
    render(&ListPage {
        ctx: staff.ctx(SECTION),
        keys,
    })
}

#[derive(Deserialize, Default)]
struct KeyForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    algorithm: String,
}

#[derive(Template)]
#[template(path = "admin/settings/signing_key_form.html")]
struct FormPage {
    ctx: Ctx,
    form: KeyForm,
    algorithms: [&'static str; 3],
    errors: FormErrors,
}

async fn new(staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    render(&FormPage {
        ctx: staff.ctx(SECTION),
        form: KeyForm {
            algorithm: "HS256".into(),
            ..KeyForm::default()
        },
        algorithms: ALGORITHMS,
        errors: FormErrors::none(),
    })
}

/// The name a new key's secret waits under for its page.
fn flash_name(id: Uuid) -> String {
    format!("signing-key:{id}")
}

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<KeyForm>,
) -> Result<HttpResponse, PageError> {
    let input = KeyInput {
        name: Some(form.name.clone()),
        algorithm: Some(form.algorithm.clone()),
    };
    let (token_hash, sealer) = (staff.token_hash.clone(), staff.sealer());
    // The secret waits for its page in the transaction that makes the key.
    let made = write(&state, move |conn, now| {
        let key = svc::generate(conn, now, None, input)?;
        let name = flash_name(key.id);
        flash::put(
            conn,
            now,
            &token_hash,
            &name,
            &sealer.seal(&name, &key.secret),
        )?;
        Ok(key.id)
    })
    .await?;
    match made {
        Ok(id) => Ok(see_other(&format!(
            "/admin/settings/signing-keys/{id}/created?done=created"
        ))),
        Err(errors) => form_again(&FormPage {
            errors: FormErrors::new(&errors, staff.tr(), FIELDS),
            ctx: staff.ctx(SECTION),
            form,
            algorithms: ALGORITHMS,
        }),
    }
}

/// The page the form redirects to: the only time the secret is shown (`secret`); shown again,
/// it says that it was.
#[derive(Template)]
#[template(path = "admin/settings/signing_key_created.html")]
struct CreatedPage {
    ctx: Ctx,
    key: SigningKey,
    secret: Option<String>,
}

async fn created(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let (token_hash, name) = (staff.token_hash.clone(), flash_name(id));
    let (key, sealed) = write(&state, move |conn, now| {
        Ok((
            svc::find(conn, id)?,
            flash::take(conn, now, &token_hash, &name)?,
        ))
    })
    .await??;
    let secret = sealed.and_then(|s| staff.sealer().open(&flash_name(id), &s));
    let mut ctx = staff.ctx(SECTION);
    if secret.is_none() {
        // Shown again: "Created." would announce a second key.
        ctx.notice = None;
    }
    render(&CreatedPage { ctx, key, secret })
}

#[derive(Template)]
#[template(path = "admin/settings/signing_key_delete.html")]
struct DeletePage {
    ctx: Ctx,
    key: SigningKey,
    /// Why the key could not be deleted.
    refusal: Option<String>,
}

async fn confirm_delete(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let key = read(&state, move |conn, _| svc::find(conn, id)).await?;
    render(&DeletePage {
        ctx: staff.ctx(SECTION),
        key,
        refusal: None,
    })
}

async fn delete(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(_): Form<Confirm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    match write(&state, move |conn, _| svc::delete(conn, id)).await? {
        Ok(()) => Ok(see_other("/admin/settings/signing-keys?done=deleted")),
        // The only refusal: a webhook still signs with the key.
        Err(_) => {
            let key = read(&state, move |conn, _| svc::find(conn, id)).await?;
            form_again(&DeletePage {
                ctx: staff.ctx(SECTION),
                key,
                refusal: Some(staff.tr().t("signing-keys-in-use")),
            })
        }
    }
}
