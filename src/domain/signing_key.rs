//! HMAC signing keys for webhook JWT signatures.

use serde::Deserialize;
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::text::{too_long, trim_opt, MAX_NAME};

/// The HMAC algorithms Actioneer can generate keys for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "UPPERCASE")]
pub enum Algorithm {
    Hs256,
    Hs384,
    Hs512,
}

impl Algorithm {
    pub fn parse(text: &str) -> Option<Algorithm> {
        match text {
            "HS256" => Some(Algorithm::Hs256),
            "HS384" => Some(Algorithm::Hs384),
            "HS512" => Some(Algorithm::Hs512),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
        }
    }

    /// Random bytes in a generated secret: as many as the hash's output.
    pub fn secret_bytes(self) -> usize {
        match self {
            Algorithm::Hs256 => 32,
            Algorithm::Hs384 => 48,
            Algorithm::Hs512 => 64,
        }
    }

    /// `length` on the wire: bits of secret.
    pub fn length_bits(self) -> u32 {
        self.secret_bytes() as u32 * 8
    }
}

/// `{"key": {...}}` of a generate request; other FusionAuth properties are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = KeyInput)]
pub struct KeyInput {
    // A string, so that an unknown one is reported as `[invalid]key.algorithm`.
    #[schema(value_type = Algorithm, inline)]
    pub algorithm: Option<String>,
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub name: Option<String>,
}

/// A validated generate request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    pub algorithm: Algorithm,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningKey {
    pub id: Uuid,
    pub name: String,
    pub algorithm: Algorithm,
    pub kid: String,
    /// Standard base64 of the random bytes; its UTF-8 bytes are the HMAC key.
    pub secret: String,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

#[derive(Debug, Clone, Default)]
pub struct KeyFacts {
    pub name_taken: bool,
}

/// Checks a generate request; `None` when an error was recorded.
pub fn validate(input: KeyInput, facts: &KeyFacts, errors: &mut FieldErrors) -> Option<KeySpec> {
    let algorithm = match input.algorithm.as_deref().map(str::trim) {
        None | Some("") => {
            errors.add(Kind::Missing, "key.algorithm");
            None
        }
        Some(text) => {
            let parsed = Algorithm::parse(text);
            if parsed.is_none() {
                errors.add_with(
                    Kind::Invalid,
                    "key.algorithm",
                    format!("[{text}] is not supported: use HS256, HS384 or HS512."),
                );
            }
            parsed
        }
    };
    let name = trim_opt(input.name);
    match &name {
        None => errors.add(Kind::Blank, "key.name"),
        Some(n) if too_long(n, MAX_NAME) => errors.add(Kind::TooLong, "key.name"),
        Some(n) if facts.name_taken => errors.add_with(
            Kind::Duplicate,
            "key.name",
            format!("A key named [{n}] already exists."),
        ),
        Some(_) => {}
    }
    Some(KeySpec {
        algorithm: algorithm?,
        name: name?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(algorithm: Option<&str>, name: Option<&str>, taken: bool) -> FieldErrors {
        let mut errors = FieldErrors::new();
        validate(
            KeyInput {
                algorithm: algorithm.map(String::from),
                name: name.map(String::from),
            },
            &KeyFacts { name_taken: taken },
            &mut errors,
        );
        errors
    }

    #[test]
    fn accepts_the_three_hmac_algorithms() {
        for alg in ["HS256", "HS384", "HS512"] {
            assert!(check(Some(alg), Some("k"), false).is_empty(), "{alg}");
        }
        assert_eq!(Algorithm::Hs384.length_bits(), 384);
    }

    #[test]
    fn reports_each_rule_by_code() {
        assert!(check(None, Some("k"), false).has("key.algorithm"));
        let e = check(Some("RS256"), Some("k"), false);
        assert_eq!(
            e.field_errors["key.algorithm"][0].code,
            "[invalid]key.algorithm"
        );
        assert_eq!(
            check(Some("HS256"), Some("  "), false).field_errors["key.name"][0].code,
            "[blank]key.name"
        );
        assert_eq!(
            check(Some("HS256"), Some("k"), true).field_errors["key.name"][0].code,
            "[duplicate]key.name"
        );
        assert_eq!(
            check(Some("HS256"), Some(&"x".repeat(192)), false).field_errors["key.name"][0].code,
            "[tooLong]key.name"
        );
    }
}
