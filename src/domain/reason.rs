//! Reasons: text, short code and localized texts.

use serde::Deserialize;
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::lifecycle::{check_ladder, present, Escalation};
use super::locale::LocalizedStrings;
use super::text::{check_localized, too_long, trim_opt, MAX_NAME};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReasonInput {
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub text: Option<String>,
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub code: Option<String>,
    #[schema(schema_with = crate::openapi::localized_names)]
    pub localized_texts: Option<LocalizedStrings>,
    /// Actioneer's extension: the ladder an escalating apply with this reason climbs (it wins
    /// over the definition's); absent keeps what is stored, `null` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Escalation>)]
    pub escalation: Option<Option<Escalation>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonSpec {
    pub text: String,
    pub code: String,
    pub localized_texts: LocalizedStrings,
    pub escalation: Option<Escalation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub id: Uuid,
    pub spec: ReasonSpec,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

#[derive(Debug, Clone, Default)]
pub struct ReasonFacts {
    pub code_taken: bool,
    pub text_taken: bool,
}

/// Trims the texts; an absent ladder is the stored one (`stored` on an update).
pub fn normalise(input: ReasonInput, stored: Option<&ReasonSpec>) -> ReasonSpec {
    let escalation = match input.escalation {
        Some(given) => given,
        None => stored.and_then(|s| s.escalation.clone()),
    };
    ReasonSpec {
        escalation,
        text: trim_opt(input.text).unwrap_or_default(),
        code: trim_opt(input.code).unwrap_or_default(),
        localized_texts: input
            .localized_texts
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, v.trim().to_string()))
            .collect(),
    }
}

pub fn validate(spec: &ReasonSpec, facts: &ReasonFacts, errors: &mut FieldErrors) {
    for (field, value, taken) in [
        ("userActionReason.code", &spec.code, facts.code_taken),
        ("userActionReason.text", &spec.text, facts.text_taken),
    ] {
        if value.is_empty() {
            errors.add(Kind::Blank, field);
        } else if too_long(value, MAX_NAME) {
            errors.add(Kind::TooLong, field);
        } else if taken {
            errors.add_with(
                Kind::Duplicate,
                field,
                format!(
                    "A reason with [{value}] as its {} already exists.",
                    &field[17..]
                ),
            );
        }
    }
    check_localized(
        &spec.localized_texts,
        "userActionReason.localizedTexts",
        MAX_NAME,
        errors,
    );
    if let Some(ladder) = &spec.escalation {
        check_ladder(ladder, "userActionReason.escalation", errors);
    }
}
