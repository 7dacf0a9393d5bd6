//! How FusionAuth names the operations of a resource (`createWebhook`, `retrieveWebhookWithId`,
//! …) and summarises them, so that a resource's `declare` says only what is its own; and the
//! writes it refuses on the collection path, where an id is missing.

use std::future::{ready, Ready};

use super::auth::GlobalKey;
use super::error::ApiError;
use super::route::{op, path_param, Api, Op, Refused};
use crate::domain::Kind;
use crate::openapi as doc;

/// A resource's paths and names: `Resource::new("/webhook", "/webhook/{webhookId}", "Webhook",
/// "a webhook")`.
pub struct Resource {
    pub all: &'static str,
    pub one: &'static str,
    /// The operations' suffix, e.g. `Webhook`.
    name: &'static str,
    /// One of them in a summary, e.g. `a webhook`.
    noun: &'static str,
}

impl Resource {
    pub const fn new(
        all: &'static str,
        one: &'static str,
        name: &'static str,
        noun: &'static str,
    ) -> Resource {
        Resource {
            all,
            one,
            name,
            noun,
        }
    }

    fn op(&self, verb: &str, with_id: bool, summary: String) -> Op {
        let suffix = if with_id { "WithId" } else { "" };
        op(format!("{verb}{}{suffix}", self.name), summary)
    }

    /// `POST all`.
    pub fn create(&self) -> Op {
        self.op(
            "create",
            false,
            format!("Create {} with a new id", self.noun),
        )
    }

    /// `POST one`.
    pub fn create_with_id(&self) -> Op {
        self.op(
            "create",
            true,
            format!("Create {} with the given id", self.noun),
        )
    }

    /// `GET one`.
    pub fn retrieve(&self) -> Op {
        self.op("retrieve", true, format!("Retrieve {}", self.noun))
    }

    /// `PUT one`.
    pub fn update(&self) -> Op {
        self.op("update", true, format!("Update {}", self.noun))
    }

    /// `PATCH one`.
    pub fn patch(&self) -> Op {
        self.op("patch", true, format!("Partially update {}", self.noun))
    }

    /// `DELETE one`.
    pub fn delete(&self) -> Op {
        self.op("delete", true, format!("Delete {}", self.noun))
    }

    /// `PUT one` of a resource that is deactivated: an update, or a reactivation.
    pub fn reactivate(&self, pronoun: &str) -> Op {
        let summary = format!(
            "Update {}; with `reactivate=true`, reactivate {pronoun} (the body is ignored)",
            self.noun
        );
        self.op("update", true, summary).query(doc::reactivate())
    }

    /// `DELETE one` of a resource that is deactivated, unless `hardDelete=true`.
    pub fn deactivate(&self, deleted: &str) -> Op {
        self.op(
            "delete",
            true,
            format!(
                "Deactivate {}, or delete {deleted} with `hardDelete=true`",
                self.noun
            ),
        )
        .query(doc::hard_delete())
    }
}

impl Api {
    /// PUT, PATCH and DELETE on the collection path: always 400 `[missing]<the path's id>`, as
    /// FusionAuth answers a write that names nothing.
    pub fn refuse_without_id(&mut self, r: &Resource) -> &mut Api {
        let field = path_param(r.one).unwrap_or_default();
        self.refuse_without_id_naming(r, [field; 3])
    }

    /// As `refuse_without_id`, naming its own field for each of PUT, PATCH and DELETE.
    pub fn refuse_without_id_naming(
        &mut self,
        r: &Resource,
        fields: [&'static str; 3],
    ) -> &mut Api {
        let refusal = |verb, field| r.op(verb, false, format!("Always 400 `[missing]{field}`"));
        let [put, patch, delete] = fields;
        self.put(r.all, missing(put), refusal("update", put))
            .patch(r.all, missing(patch), refusal("patch", patch))
            .delete(r.all, missing(delete), refusal("delete", delete))
    }
}

/// The handler of a write without an id: 400 `[missing]<field>` for a global key.
fn missing(
    field: &'static str,
) -> impl Fn(GlobalKey) -> Ready<Result<Refused, ApiError>> + Clone + 'static {
    move |_| ready(Err(ApiError::field(Kind::Missing, field)))
}
