//! HMAC signing keys for webhook signatures: list (never the secret), generate (the secret shown
//! once, on the page the form redirects to), delete (refused while a webhook signs with the key).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::shown_once::{self, Keeper};
use super::SECTION;
use crate::app::AppState;
use crate::domain::signing_key::{KeyInput, SigningKey};
use crate::domain::FieldErrors;
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::signing_keys as svc;
use crate::service::ServiceResult;
use crate::web::confirm::{self, ConfirmDelete, Confirmed};
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
        .configure(|cfg| confirm::routes::<Deleting>(cfg, "/settings/signing-keys/{id}/delete"));
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

/// The kind of secret, as `shown_once` names it.
const KIND: &str = "signing-key";

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<KeyForm>,
) -> Result<HttpResponse, PageError> {
    let input = KeyInput {
        name: Some(form.name.clone()),
        algorithm: Some(form.algorithm.clone()),
    };
    let keeper = Keeper::new(&staff, KIND);
    let made = write(&state, move |conn, now| {
        let key = svc::generate(conn, now, None, input)?;
        keeper.keep(conn, now, key.id, &key.secret)?;
        Ok(key.id)
    })
    .await?;
    match made {
        Ok(id) => Ok(see_other(&shown_once::page_of(KIND, id))),
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
    let load = move |conn: &mut _| svc::find(conn, id);
    let (key, secret, ctx) = shown_once::take(&state, &staff, KIND, id, load).await?;
    render(&CreatedPage { ctx, key, secret })
}

struct Deleting;

impl Confirmed for Deleting {
    type Page = ConfirmDelete;

    async fn page(
        state: &web::Data<AppState>,
        staff: &Staff<Admin>,
        id: Uuid,
        error: Option<String>,
    ) -> Result<ConfirmDelete, PageError> {
        let key = read(state, move |conn, _| svc::find(conn, id)).await?;
        let ctx = staff.ctx(SECTION);
        let question = ctx.tr.t1("signing-keys-delete-confirm", "name", &key.name);
        let effect = ctx.tr.t("signing-keys-delete-effect");
        let back = "/admin/settings/signing-keys";
        let page = ConfirmDelete::new(ctx, "signing-keys-delete-title", question, back);
        Ok(page.detail(effect).error(error))
    }

    fn act(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    /// The only refusal: a webhook still signs with the key.
    fn refusal(tr: &Tr, _: &FieldErrors) -> String {
        tr.t("signing-keys-in-use")
    }

    fn done(_: &AppState, _: &Staff<Admin>, _: Uuid) -> String {
        "/admin/settings/signing-keys?done=deleted".into()
    }
}
