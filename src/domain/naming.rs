//! Names of actions, options and reasons as one viewer reads them, chosen with the API's rule
//! (`locale::localized`), so that every admin page says them alike.

use std::collections::HashMap;

use uuid::Uuid;

use super::instance::Instance;
use super::locale;
use super::reason::Reason;
use super::user_action::UserAction;

/// The definitions and reasons a page may name, and the viewer's languages.
#[derive(Debug, Clone, Default)]
pub struct Naming {
    preferred: Vec<String>,
    actions: HashMap<Uuid, UserAction>,
    /// By code: an instance keeps the code of its reason, not its id.
    reasons: HashMap<String, Reason>,
}

impl Naming {
    pub fn new(
        preferred: &[String],
        actions: impl IntoIterator<Item = UserAction>,
        reasons: impl IntoIterator<Item = Reason>,
    ) -> Naming {
        Naming {
            preferred: preferred.to_vec(),
            actions: actions.into_iter().map(|a| (a.id, a)).collect(),
            reasons: reasons
                .into_iter()
                .map(|r| (r.spec.code.clone(), r))
                .collect(),
        }
    }

    /// For one language (a staff member's page language).
    pub fn for_language(
        lang: &str,
        actions: impl IntoIterator<Item = UserAction>,
        reasons: impl IntoIterator<Item = Reason>,
    ) -> Naming {
        Naming::new(&[lang.to_string()], actions, reasons)
    }

    pub fn action(&self, action: &UserAction) -> String {
        let spec = &action.spec;
        locale::localized(&spec.localized_names, &spec.name, &self.preferred).to_string()
    }

    /// The label of option `name` of `action`; an option it no longer has keeps its name.
    pub fn option(&self, action: &UserAction, name: &str) -> String {
        match action.spec.options.iter().find(|o| o.name == name) {
            Some(o) => locale::localized(&o.localized_names, &o.name, &self.preferred).to_string(),
            None => name.to_string(),
        }
    }

    pub fn reason(&self, reason: &Reason) -> String {
        let spec = &reason.spec;
        locale::localized(&spec.localized_texts, &spec.text, &self.preferred).to_string()
    }

    /// A reason as staff pick it from a list: its text and, after it, its code.
    pub fn reason_with_code(&self, reason: &Reason) -> String {
        format!("{} ({})", self.reason(reason), reason.spec.code)
    }

    /// The name of an instance's action; one whose definition is gone keeps the name copied
    /// when it was applied.
    pub fn action_of(&self, instance: &Instance) -> String {
        match self.actions.get(&instance.user_action_id) {
            Some(action) => self.action(action),
            None => instance.name.clone(),
        }
    }

    /// The label of an instance's option; empty when it has none.
    pub fn option_of(&self, instance: &Instance) -> String {
        let Some(option) = instance.option.as_deref() else {
            return String::new();
        };
        match self.actions.get(&instance.user_action_id) {
            Some(action) => self.option(action, option),
            None => option.to_string(),
        }
    }

    /// The text of an instance's reason; empty when it has none. A reason deleted since keeps
    /// the text copied when it was applied.
    pub fn reason_of(&self, instance: &Instance) -> String {
        let found = instance
            .reason_code
            .as_ref()
            .and_then(|code| self.reasons.get(code));
        match (found, &instance.reason) {
            (Some(reason), _) => self.reason(reason),
            (None, Some(text)) => text.clone(),
            (None, None) => String::new(),
        }
    }
}
