//! The one confirm-delete page: what will be deleted, what follows, one danger button. A page
//! that cannot delete says why instead (`refusal`).

use askama::Template;

use super::page::Ctx;

/// Another way out offered under the form, e.g. "Deactivate instead" (a POST to `action`).
pub struct Alternative {
    pub action: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin/confirm_delete.html")]
pub struct ConfirmDelete {
    pub ctx: Ctx,
    pub title: String,
    /// The question, naming what is deleted.
    pub question: String,
    /// What deleting also does, one line each (counts, effects).
    pub details: Vec<String>,
    /// A quieter note under the details.
    pub hint: Option<String>,
    /// The danger button's label ("Delete" unless set).
    pub button: String,
    /// Where "Cancel" goes back to.
    pub back: String,
    /// An error from a failed attempt, shown above the form.
    pub error: Option<String>,
    /// Why this cannot be deleted: shown instead of the form.
    pub refusal: Option<String>,
    pub alternative: Option<Alternative>,
}

impl ConfirmDelete {
    /// A page asking `question` under `title_id`, going back to `back`.
    pub fn new(ctx: Ctx, title_id: &str, question: String, back: impl Into<String>) -> Self {
        ConfirmDelete {
            title: ctx.tr.t(title_id),
            button: ctx.tr.t("action-delete"),
            ctx,
            question,
            details: vec![],
            hint: None,
            back: back.into(),
            error: None,
            refusal: None,
            alternative: None,
        }
    }

    pub fn detail(mut self, line: String) -> Self {
        self.details.push(line);
        self
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn button(mut self, label: String) -> Self {
        self.button = label;
        self
    }

    pub fn error(mut self, error: Option<String>) -> Self {
        self.error = error;
        self
    }

    pub fn refusal(mut self, refusal: Option<String>) -> Self {
        self.refusal = refusal;
        self
    }

    pub fn alternative(mut self, action: impl Into<String>, label: String) -> Self {
        self.alternative = Some(Alternative {
            action: action.into(),
            label,
        });
        self
    }
}
