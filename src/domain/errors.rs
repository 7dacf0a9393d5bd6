//! Validation outcome shared by the API (FusionAuth error JSON) and the admin forms.

use std::collections::BTreeMap;

use serde::Serialize;

/// One error: a machine code such as `[blank]userAction.name` and an English sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ErrorMessage {
    pub code: String,
    pub message: String,
}

impl ErrorMessage {
    /// The kind its code starts with (`[duplicate]user.email` → `Duplicate`); `None` for a code
    /// of no known kind, such as a general error's `[TenantIdRequired]`.
    pub fn kind(&self) -> Option<Kind> {
        let rest = self.code.strip_prefix('[')?;
        let (kind, _) = rest.split_once(']')?;
        Kind::ALL.iter().copied().find(|k| k.as_str() == kind)
    }
}

/// The kinds of field error the API reports (`[<kind>]<field>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blank,
    Missing,
    Invalid,
    Duplicate,
    Inactive,
    NotAllowed,
    TooLong,
    TooShort,
    TooSmall,
    InPast,
    Disabled,
    EmailingNotSupported,
    ActionIsMissingTemplateDefinition,
    InvalidJson,
    InUse,
    CannotDelete,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::Blank,
        Kind::Missing,
        Kind::Invalid,
        Kind::Duplicate,
        Kind::Inactive,
        Kind::NotAllowed,
        Kind::TooLong,
        Kind::TooShort,
        Kind::TooSmall,
        Kind::InPast,
        Kind::Disabled,
        Kind::EmailingNotSupported,
        Kind::ActionIsMissingTemplateDefinition,
        Kind::InvalidJson,
        Kind::InUse,
        Kind::CannotDelete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Blank => "blank",
            Kind::Missing => "missing",
            Kind::Invalid => "invalid",
            Kind::Duplicate => "duplicate",
            Kind::Inactive => "inactive",
            Kind::NotAllowed => "notAllowed",
            Kind::TooLong => "tooLong",
            Kind::TooShort => "tooShort",
            Kind::TooSmall => "tooSmall",
            Kind::InPast => "inPast",
            Kind::Disabled => "disabled",
            Kind::EmailingNotSupported => "emailingNotSupported",
            Kind::ActionIsMissingTemplateDefinition => "actionIsMissingTemplateDefinition",
            Kind::InvalidJson => "invalidJSON",
            Kind::InUse => "inUse",
            Kind::CannotDelete => "cannotDelete",
        }
    }

    /// A default one-sentence message for a field of this kind.
    fn default_message(self, field: &str) -> String {
        match self {
            Kind::Blank => format!("The value of [{field}] is required and may not be blank."),
            Kind::Missing => format!("The value of [{field}] is required."),
            Kind::Invalid => format!("The value of [{field}] is invalid."),
            Kind::Duplicate => format!("The value of [{field}] is already in use."),
            Kind::Inactive => format!("The object named by [{field}] is inactive."),
            Kind::NotAllowed => format!("A value for [{field}] is not allowed here."),
            Kind::TooLong => format!("The value of [{field}] is too long."),
            Kind::TooShort => format!("The value of [{field}] is too short."),
            Kind::TooSmall => format!("The value of [{field}] must be greater than zero."),
            Kind::InPast => format!("The value of [{field}] must be in the future."),
            Kind::Disabled => format!("[{field}] is disabled for this user action."),
            Kind::EmailingNotSupported => {
                format!("[{field}] is not allowed because this user action does not email users.")
            }
            Kind::ActionIsMissingTemplateDefinition => {
                format!("[{field}] is not allowed because this user action has no email template for this phase.")
            }
            Kind::InvalidJson => format!("The request body for [{field}] is not valid JSON."),
            Kind::InUse => {
                format!("The object named by [{field}] is still in use and cannot be deleted.")
            }
            Kind::CannotDelete => format!("The object named by [{field}] cannot be deleted."),
        }
    }
}

/// All errors found in one request, keyed by field (sorted for stable output).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FieldErrors {
    pub field_errors: BTreeMap<String, Vec<ErrorMessage>>,
    pub general_errors: Vec<ErrorMessage>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `[kind]field` with the default message; a code already present is not repeated.
    pub fn add(&mut self, kind: Kind, field: &str) {
        let message = kind.default_message(field);
        self.add_with(kind, field, message);
    }

    pub fn add_with(&mut self, kind: Kind, field: &str, message: impl Into<String>) {
        let code = format!("[{}]{}", kind.as_str(), field);
        let list = self.field_errors.entry(field.to_string()).or_default();
        if !list.iter().any(|e| e.code == code) {
            list.push(ErrorMessage {
                code,
                message: message.into(),
            });
        }
    }

    pub fn add_general(&mut self, code: &str, message: impl Into<String>) {
        self.general_errors.push(ErrorMessage {
            code: format!("[{code}]"),
            message: message.into(),
        });
    }

    pub fn single(kind: Kind, field: &str) -> Self {
        let mut errors = Self::new();
        errors.add(kind, field);
        errors
    }

    pub fn is_empty(&self) -> bool {
        self.field_errors.is_empty() && self.general_errors.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.field_errors.contains_key(field)
    }

    /// Every message, field errors (fields in order) then general errors, in one line.
    pub fn messages(&self) -> String {
        let fields = self.field_errors.values().flatten();
        fields
            .chain(&self.general_errors)
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every field error's code, fields in order.
    pub fn codes(&self) -> Vec<String> {
        let errors = self.field_errors.values().flatten();
        errors.map(|e| e.code.clone()).collect()
    }

    /// `Ok(())` when nothing was recorded, else `Err(self)`.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kind_then_field_and_not_repeated() {
        let mut errors = FieldErrors::new();
        errors.add(Kind::Blank, "userAction.name");
        errors.add(Kind::Blank, "userAction.name");
        errors.add(Kind::TooLong, "userAction.name");
        let list = &errors.field_errors["userAction.name"];
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].code, "[blank]userAction.name");
        assert_eq!(list[1].code, "[tooLong]userAction.name");
    }

    #[test]
    fn kind_is_read_back_from_the_code() {
        for kind in Kind::ALL {
            let errors = FieldErrors::single(kind, "user.email");
            assert_eq!(errors.field_errors["user.email"][0].kind(), Some(kind));
        }
        let mut errors = FieldErrors::new();
        errors.add_general("TenantIdRequired", "A tenant id is required.");
        assert_eq!(errors.general_errors[0].kind(), None);
        let odd = ErrorMessage {
            code: "tooLong]name".into(),
            message: String::new(),
        };
        assert_eq!(odd.kind(), None);
    }
}
