//! Staff members: list, create, edit (role, language, time zone, new password, which signs them
//! out elsewhere), remove access.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{Choice, SECTION};
use crate::app::AppState;
use crate::domain::staff::{Role, StaffMember};
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::staff::{self as svc, MemberInput};
use crate::service::ServiceResult;
use crate::web::confirm::{self, Confirmed};
use crate::web::path_id;
use crate::web::{
    form_again, read, render, see_other, write, Admin, Ctx, Form, FormErrors, PageError, Staff,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/staff", web::get().to(list))
        .route("/settings/staff/new", web::get().to(new))
        .route("/settings/staff/new", web::post().to(create))
        .route("/settings/staff/{id}", web::get().to(edit))
        .route("/settings/staff/{id}", web::post().to(update))
        .configure(|cfg| confirm::routes::<Deleting>(cfg, "/settings/staff/{id}/delete"));
}

/// Fields the staff form shows errors for.
const FIELDS: &[&str] = &["email", "name", "password", "role", "language", "timeZone"];

/// The error the service gives when the last administrator would stop being one.
const LAST_ADMIN_ROLE: &str = "[notAllowed]role";

fn role_label(ctx: &Ctx, role: Role) -> String {
    ctx.tr.t(&format!("staff-role-{}", role.as_str()))
}

/// A language of the admin app by its own name; the tag itself when the app has no such language.
fn language_label(ctx: &Ctx, tag: &str) -> String {
    match ctx.tr.catalog().supported(tag) {
        Some(lang) => ctx.tr.catalog().format(lang, "language-name", None),
        None => tag.to_string(),
    }
}

/// A member as listed.
struct Row {
    member: StaffMember,
    role: String,
    language: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/settings/staff.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<Row>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let members = read(&state, |conn, _| svc::list(conn)).await?;
    let ctx = staff.ctx(SECTION);
    let rows = members
        .into_iter()
        .map(|member| Row {
            role: role_label(&ctx, member.role),
            language: member.language.as_deref().map(|l| language_label(&ctx, l)),
            member,
        })
        .collect();
    render(&ListPage { ctx, rows })
}

/// The staff form as typed; a new member also has an email, a name and a password.
#[derive(Deserialize, Default)]
struct MemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    time_zone: String,
}

impl MemberForm {
    fn input(&self) -> MemberInput {
        MemberInput {
            email: self.email.clone(),
            name: self.name.clone(),
            password: self.password.clone(),
            role: self.role.clone(),
            language: self.language.clone(),
            time_zone: self.time_zone.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/settings/staff_form.html")]
struct FormPage {
    ctx: Ctx,
    /// The member being edited; `None` for a new one.
    member: Option<StaffMember>,
    form: MemberForm,
    roles: Vec<Choice>,
    languages: Vec<Choice>,
    errors: FormErrors,
    /// Shown instead of the generic role error when the last administrator would be demoted.
    last_admin: bool,
}

fn form_page(
    ctx: Ctx,
    member: Option<StaffMember>,
    form: MemberForm,
    errors: Option<&FieldErrors>,
) -> FormPage {
    let roles = Role::ALL
        .into_iter()
        .map(|r| Choice {
            value: r.as_str().to_string(),
            label: role_label(&ctx, r),
        })
        .collect();
    let languages = ctx
        .tr
        .catalog()
        .languages()
        .into_iter()
        .map(|l| Choice {
            value: l.to_string(),
            label: language_label(&ctx, l),
        })
        .collect();
    let last_admin = errors.is_some_and(|e| {
        e.field_errors
            .get("role")
            .is_some_and(|list| list.iter().any(|m| m.code == LAST_ADMIN_ROLE))
    });
    let errors = match errors {
        Some(errors) => FormErrors::new(errors, &ctx.tr, FIELDS),
        None => FormErrors::none(),
    };
    FormPage {
        ctx,
        member,
        form,
        roles,
        languages,
        errors,
        last_admin,
    }
}

async fn new(staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let form = MemberForm {
        role: Role::Support.as_str().into(),
        ..Default::default()
    };
    render(&form_page(staff.ctx(SECTION), None, form, None))
}

/// Hashes a new password off the async threads (argon2 is slow), outside the write.
async fn hash(input: &MemberInput) -> Result<Option<String>, PageError> {
    let input = input.clone();
    web::block(move || svc::hash_password(&input))
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?
        .map_err(PageError::from)
}

async fn create(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    Form(form): Form<MemberForm>,
) -> Result<HttpResponse, PageError> {
    let input = form.input();
    let hashed = hash(&input).await?;
    match write(&state, move |conn, now| {
        svc::create(conn, now, &input, hashed)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/admin/settings/staff?done=created")),
        Err(errors) => form_again(&form_page(
            staff.ctx(SECTION),
            None,
            MemberForm {
                password: String::new(),
                ..form
            },
            Some(&errors),
        )),
    }
}

async fn edit(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let member = read(&state, move |conn, _| svc::find(conn, id)).await?;
    let form = MemberForm {
        email: member.email.clone(),
        name: member.name.clone(),
        password: String::new(),
        role: member.role.as_str().into(),
        language: member.language.clone().unwrap_or_default(),
        time_zone: member.time_zone.clone().unwrap_or_default(),
    };
    render(&form_page(staff.ctx(SECTION), Some(member), form, None))
}

async fn update(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    Form(form): Form<MemberForm>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    let member = read(&state, move |conn, _| svc::find(conn, id)).await?;
    let input = form.input();
    let hashed = hash(&input).await?;
    // A new password signs the member out everywhere but in this very session.
    let session = staff.token_hash.clone();
    match write(&state, move |conn, now| {
        svc::update(conn, now, id, &input, hashed, Some(&session))
    })
    .await?
    {
        // An administrator who gave up their own role may no longer see this list.
        Ok(saved) if saved.id == staff.member.id && saved.role != Role::Admin => {
            Ok(see_other("/admin/?done=saved"))
        }
        Ok(_) => Ok(see_other("/admin/settings/staff?done=saved")),
        Err(errors) => form_again(&form_page(
            staff.ctx(SECTION),
            Some(member),
            MemberForm {
                password: String::new(),
                ..form
            },
            Some(&errors),
        )),
    }
}

#[derive(Template)]
#[template(path = "admin/settings/staff_delete.html")]
struct DeletePage {
    ctx: Ctx,
    member: StaffMember,
    /// Why access could not be removed, when it could not.
    refusal: Option<String>,
}

struct Deleting;

impl Confirmed for Deleting {
    type Page = DeletePage;

    async fn page(
        state: &web::Data<AppState>,
        staff: &Staff<Admin>,
        id: Uuid,
        refusal: Option<String>,
    ) -> Result<DeletePage, PageError> {
        let member = read(state, move |conn, _| svc::find(conn, id)).await?;
        Ok(DeletePage {
            ctx: staff.ctx(SECTION),
            member,
            refusal,
        })
    }

    /// The service also ends the member's sessions.
    fn act(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::remove(conn, id)
    }

    fn refusal(tr: &Tr, errors: &FieldErrors) -> String {
        let last_admin = format!("[{}]staff", Kind::CannotDelete.as_str());
        let is_last_admin = errors
            .field_errors
            .values()
            .flatten()
            .any(|e| e.code == last_admin);
        tr.t(if is_last_admin {
            "staff-delete-last-admin"
        } else {
            "form-error-invalid"
        })
    }

    /// Removing one's own access ends one's session.
    fn done(_: &AppState, staff: &Staff<Admin>, id: Uuid) -> String {
        if id == staff.member.id {
            "/admin/login".into()
        } else {
            "/admin/settings/staff?done=deleted".into()
        }
    }
}
