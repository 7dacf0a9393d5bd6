//! Staff notes on a user's page and on an instance's change page: adding one, deleting one.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use uuid::Uuid;

use super::{change, profile, Names};
use crate::app::AppState;
use crate::domain::staff::Role;
use crate::domain::staff_note::{self, StaffNote};
use crate::i18n::Tr;
use crate::service::staff_notes::{self, About};
use crate::web::path_id;
use crate::web::{see_other, write, Form, FormErrors, PageError, Staff, Support};

/// The note form as typed; `instanceId` is set on an instance's change page.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct NoteForm {
    body: String,
    instance_id: String,
}

/// The note form as a page shows it: empty, or again with what was typed and why it was refused.
#[derive(Default)]
pub(super) struct NoteDraft {
    pub body: String,
    pub errors: FormErrors,
}

/// A note as a page shows it.
pub(super) struct NoteView {
    pub id: Uuid,
    pub at: i64,
    pub when: String,
    pub who: String,
    pub body: String,
    /// The instance it is about, if any.
    pub instance: Option<Uuid>,
    /// The viewer wrote it or is an administrator.
    pub deletable: bool,
}

impl NoteView {
    pub fn new(note: &StaffNote, tr: &Tr, names: &Names, viewer: Uuid, admin: bool) -> NoteView {
        NoteView {
            id: note.id,
            at: note.created_instant,
            when: tr.datetime(note.created_instant),
            who: tr.t1("users-step-by", "who", names.of(Some(note.author_id))),
            body: note.body.clone(),
            instance: note.instance_id,
            deletable: staff_note::may_delete(note, viewer, admin),
        }
    }
}

/// Whether the viewer may delete anyone's note.
pub(super) fn is_admin(staff: &Staff<Support>) -> bool {
    staff.member.role == Role::Admin
}

/// Where a note is shown: the instance's change page, else the user's page.
fn page_of(user: Uuid, instance: Option<Uuid>) -> String {
    match instance {
        Some(instance) => format!("/admin/users/{user}/actions/{instance}"),
        None => format!("/admin/users/{user}"),
    }
}

pub(super) async fn add(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    path: web::Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<HttpResponse, PageError> {
    let user = path_id(&path)?;
    let instance = match form.instance_id.trim() {
        "" => None,
        text => Some(path_id(text)?),
    };
    let about = About { user, instance };
    let (author, body) = (staff.member.id, form.body.clone());
    let added = write(&state, move |conn, now| {
        staff_notes::add(conn, now, author, about, &body)
    })
    .await?;
    match added {
        Ok(_) => Ok(see_other(&format!(
            "{}?done=saved#notes",
            page_of(user, instance)
        ))),
        Err(errors) => {
            let draft = NoteDraft {
                body: form.body,
                errors: FormErrors::new(&errors, staff.tr(), &["body"]),
            };
            match instance {
                None => profile::again_with_note(&state, &staff, user, draft).await,
                Some(instance) => {
                    change::again_with_note(&state, &staff, (user, instance), draft).await
                }
            }
        }
    }
}

/// The delete form: `from` is `user` when pressed on the user's page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    from: String,
}

pub(super) async fn delete(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    path: web::Path<(String, String)>,
    Form(form): Form<DeleteForm>,
) -> Result<HttpResponse, PageError> {
    let (user, note) = super::ids(&path)?;
    let (member, admin) = (staff.member.id, is_admin(&staff));
    let deleted = write(&state, move |conn, _| {
        staff_notes::delete(conn, user, note, member, admin)
    })
    .await?;
    match deleted {
        Ok(note) => {
            let instance = note.instance_id.filter(|_| form.from != "user");
            Ok(see_other(&format!(
                "{}?done=deleted#notes",
                page_of(user, instance)
            )))
        }
        // Deleting takes no input: nothing to show again.
        Err(_) => Err(PageError::NotFound),
    }
}
