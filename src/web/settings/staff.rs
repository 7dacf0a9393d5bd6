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
use crate::web::confirm::{self, ConfirmDelete, Confirmed};
use crate::web::editor::{self, Editor};
use crate::web::{blocking, read, render, Admin, Ctx, FormErrors, PageError, Staff};

/// The list: "Cancel" and a done delete go back there.
const LIST: &str = "/admin/settings/staff";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/staff", web::get().to(list))
        .configure(|cfg| editor::routes::<Editing>(cfg, "/settings/staff"))
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
#[serde(default)]
struct MemberForm {
    email: String,
    name: String,
    password: String,
    role: String,
    language: String,
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
}

/// Adding a member or changing one.
struct Editing;

impl Editor for Editing {
    const SECTION: &'static str = SECTION;
    type Form = MemberForm;
    type Loaded = Option<StaffMember>;
    /// What was typed, the hash of a new password, and the session that keeps going.
    type Input = (MemberInput, Option<String>, String);
    type Saved = StaffMember;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Option<StaffMember>> {
        id.map(|id| svc::find(conn, id)).transpose()
    }

    fn form(member: &Option<StaffMember>) -> MemberForm {
        match member {
            None => MemberForm {
                role: Role::Support.as_str().into(),
                ..Default::default()
            },
            Some(member) => MemberForm {
                email: member.email.clone(),
                name: member.name.clone(),
                password: String::new(),
                role: member.role.as_str().into(),
                language: member.language.clone().unwrap_or_default(),
                time_zone: member.time_zone.clone().unwrap_or_default(),
            },
        }
    }

    fn page(
        ctx: Ctx,
        _: Option<Uuid>,
        form: MemberForm,
        member: Option<StaffMember>,
        errors: FormErrors,
    ) -> FormPage {
        let roles = Role::ALL
            .into_iter()
            .map(|r| Choice::new(r.as_str(), role_label(&ctx, r)))
            .collect();
        let languages = ctx.tr.catalog().languages();
        let languages = languages
            .into_iter()
            .map(|l| Choice::new(l, language_label(&ctx, l)))
            .collect();
        // A password typed is never shown again.
        let form = MemberForm {
            password: String::new(),
            ..form
        };
        FormPage {
            ctx,
            member,
            form,
            roles,
            languages,
            errors,
        }
    }

    fn input(
        form: &MemberForm,
        _: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<Self::Input, FormErrors> {
        // A new password signs the member out everywhere but in this very session.
        Ok((form.input(), None, staff.token_hash.clone()))
    }

    /// Hashes a new password off the async threads (argon2 is slow), outside the write.
    async fn prepare((input, _, session): Self::Input) -> Result<Self::Input, PageError> {
        let member = input.clone();
        let hashed = blocking(move || svc::hash_password(&member)).await?;
        Ok((input, hashed, session))
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        (input, hashed, session): Self::Input,
    ) -> ServiceResult<StaffMember> {
        match id {
            None => svc::create(conn, now, &input, hashed),
            Some(id) => svc::update(conn, now, id, &input, hashed, Some(&session)),
        }
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        let mut shown = FormErrors::new(errors, tr, FIELDS);
        let last_admin = errors
            .field_errors
            .get("role")
            .is_some_and(|list| list.iter().any(|m| m.code == LAST_ADMIN_ROLE));
        if last_admin {
            shown.replace("role", tr.t("staff-last-admin-role"));
        }
        shown
    }

    fn done(staff: &Staff<Admin>, id: Option<Uuid>, saved: StaffMember) -> String {
        match id {
            None => "/admin/settings/staff?done=created",
            // An administrator who gave up their own role may no longer see this list.
            Some(_) if saved.id == staff.member.id && saved.role != Role::Admin => {
                "/admin/?done=saved"
            }
            Some(_) => "/admin/settings/staff?done=saved",
        }
        .into()
    }
}

struct Deleting;

impl Confirmed for Deleting {
    const SECTION: &'static str = SECTION;
    type Loaded = StaffMember;
    type Page = ConfirmDelete;

    fn load(conn: &mut Connection, _: &AppState, id: Uuid) -> ServiceResult<StaffMember> {
        svc::find(conn, id)
    }

    /// The page says why (instead of the form) when access could not be removed.
    fn page(ctx: Ctx, member: StaffMember, refusal: Option<String>) -> ConfirmDelete {
        let tr = &ctx.tr;
        let question = tr.t2(
            "staff-delete-confirm",
            "name",
            &member.name,
            "email",
            &member.email,
        );
        let (effect, remove) = (tr.t("staff-delete-effect"), tr.t("staff-remove"));
        ConfirmDelete::new(ctx, "staff-delete-title", question, LIST)
            .hint(effect)
            .button(remove)
            .refusal(refusal)
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
            format!("{LIST}?done=deleted")
        }
    }
}
