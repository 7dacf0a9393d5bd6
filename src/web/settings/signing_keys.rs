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
use crate::web::confirm::{self, ConfirmDelete, Delete, Deletion};
use crate::web::editor::{self, Editor};
use crate::web::path_id;
use crate::web::{read, render, Admin, Ctx, FormErrors, PageError, Staff};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/signing-keys", web::get().to(list))
        .configure(|cfg| editor::routes_new::<Generating>(cfg, "/settings/signing-keys"))
        .route(
            "/settings/signing-keys/{id}/created",
            web::get().to(created),
        )
        .configure(|cfg| {
            confirm::routes::<Delete<Deleting>>(cfg, "/settings/signing-keys/{id}/delete")
        });
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
#[serde(default)]
struct KeyForm {
    name: String,
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

/// The kind of secret, as `shown_once` names it.
const KIND: &str = "signing-key";

/// Generating a key: the secret is kept for the page the form redirects to.
struct Generating;

impl Editor for Generating {
    const SECTION: &'static str = SECTION;
    type Form = KeyForm;
    type Loaded = ();
    type Input = (KeyInput, Keeper);
    type Saved = Uuid;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(_: &mut Connection, _: Option<Uuid>) -> ServiceResult<()> {
        Ok(())
    }

    fn form(_: &()) -> KeyForm {
        KeyForm {
            algorithm: "HS256".into(),
            ..KeyForm::default()
        }
    }

    fn page(ctx: Ctx, _: Option<Uuid>, form: KeyForm, _: (), errors: FormErrors) -> FormPage {
        FormPage {
            ctx,
            form,
            algorithms: ALGORITHMS,
            errors,
        }
    }

    fn input(
        form: &KeyForm,
        _: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<Self::Input, FormErrors> {
        let input = KeyInput {
            name: Some(form.name.clone()),
            algorithm: Some(form.algorithm.clone()),
        };
        Ok((input, Keeper::new(staff, KIND)))
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        _: Option<Uuid>,
        (input, keeper): Self::Input,
    ) -> ServiceResult<Uuid> {
        let key = svc::generate(conn, now, None, input)?;
        keeper.keep(conn, now, key.id, &key.secret)?;
        Ok(key.id)
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        FormErrors::new(errors, tr, FIELDS)
    }

    fn done(_: &Staff<Admin>, _: Option<Uuid>, id: Uuid) -> String {
        shown_once::page_of(KIND, id)
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

impl Deletion for Deleting {
    const SECTION: &'static str = SECTION;
    const LIST: &'static str = "/admin/settings/signing-keys";
    /// The only refusal: a webhook still signs with the key.
    const REFUSED: &'static str = "signing-keys-in-use";
    type Thing = SigningKey;

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<SigningKey> {
        svc::find(conn, id)
    }

    fn delete(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    fn page(ctx: Ctx, key: SigningKey) -> ConfirmDelete {
        let question = ctx.tr.t1("signing-keys-delete-confirm", "name", &key.name);
        let effect = ctx.tr.t("signing-keys-delete-effect");
        ConfirmDelete::new(ctx, "signing-keys-delete-title", question, Self::LIST).detail(effect)
    }
}
