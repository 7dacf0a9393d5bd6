//! Users: the actionees and actioners.

use serde::Deserialize;
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::locale::is_valid_tag;
use super::text::{too_long, trim_opt, MAX_NAME};

pub const MIN_PASSWORD: usize = 8;
pub const MAX_PASSWORD: usize = 256;
/// How deep `data` may nest objects and arrays (`{}` is 1). Stored JSON is read back with
/// serde_json's limit of 128 levels; this leaves room for the documents that embed `data`.
pub const MAX_DATA_DEPTH: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserInput {
    /// An email or a username is required.
    #[schema(format = "email", max_length = 191)]
    pub email: Option<String>,
    #[schema(max_length = 191, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    pub username: Option<String>,
    #[schema(max_length = 191, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    pub first_name: Option<String>,
    #[schema(max_length = 191, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    pub last_name: Option<String>,
    #[schema(max_length = 191, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    pub full_name: Option<String>,
    #[schema(schema_with = crate::openapi::locale_tags)]
    pub preferred_languages: Option<Vec<String>>,
    #[schema(schema_with = crate::openapi::time_zone)]
    pub timezone: Option<String>,
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
    /// 8 to 256 characters; write-only.
    #[schema(min_length = 8, max_length = 256, write_only)]
    pub password: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub email: Option<String>,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
    pub preferred_languages: Vec<String>,
    pub timezone: Option<String>,
    pub active: bool,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    pub last_login_instant: Option<i64>,
}

/// The checked profile fields of a create or update.
#[derive(Debug, Clone, PartialEq)]
pub struct UserProfile {
    pub email: Option<String>,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
    pub preferred_languages: Vec<String>,
    pub timezone: Option<String>,
    pub data: serde_json::Map<String, serde_json::Value>,
    /// A new password, when one was given.
    pub password: Option<String>,
}

#[derive(Debug, Default)]
pub struct UserFacts {
    pub email_taken: bool,
    pub username_taken: bool,
}

/// Whether a name holds control characters (CR, LF, NUL, tab…): names go into email headers,
/// where a line break would start a new header.
pub fn has_control_characters(value: &str) -> bool {
    value.chars().any(char::is_control)
}

pub fn is_email(value: &str) -> bool {
    email_address::EmailAddress::is_valid(value)
}

pub fn normalise(input: UserInput) -> UserProfile {
    UserProfile {
        email: trim_opt(input.email),
        username: trim_opt(input.username),
        first_name: trim_opt(input.first_name),
        last_name: trim_opt(input.last_name),
        full_name: trim_opt(input.full_name),
        preferred_languages: input
            .preferred_languages
            .unwrap_or_default()
            .into_iter()
            .map(|l| l.trim().to_string())
            .collect(),
        timezone: trim_opt(input.timezone),
        data: input.data.unwrap_or_default(),
        password: input.password,
    }
}

pub fn validate(profile: &UserProfile, facts: &UserFacts, errors: &mut FieldErrors) {
    if profile.email.is_none() && profile.username.is_none() {
        errors.add_with(
            Kind::Blank,
            "user.email",
            "An email or a username is required.",
        );
        errors.add_with(
            Kind::Blank,
            "user.username",
            "An email or a username is required.",
        );
    }
    for (field, value) in [
        ("user.email", &profile.email),
        ("user.username", &profile.username),
        ("user.firstName", &profile.first_name),
        ("user.lastName", &profile.last_name),
        ("user.fullName", &profile.full_name),
    ] {
        if value.as_deref().is_some_and(|v| too_long(v, MAX_NAME)) {
            errors.add(Kind::TooLong, field);
        } else if field != "user.email" && value.as_deref().is_some_and(has_control_characters) {
            errors.add_with(
                Kind::Invalid,
                field,
                format!("[{field}] may not contain control characters such as line breaks."),
            );
        }
    }
    if let Some(email) = &profile.email {
        if !is_email(email) {
            errors.add_with(
                Kind::Invalid,
                "user.email",
                format!("[{email}] is not a valid email address."),
            );
        } else if facts.email_taken {
            errors.add_with(
                Kind::Duplicate,
                "user.email",
                format!("A User with email = [{email}] already exists."),
            );
        }
    }
    if let Some(username) = &profile.username {
        if facts.username_taken {
            errors.add_with(
                Kind::Duplicate,
                "user.username",
                format!("A User with username = [{username}] already exists."),
            );
        }
    }
    if let Some(password) = &profile.password {
        let len = password.chars().count();
        if len < MIN_PASSWORD {
            errors.add_with(
                Kind::TooShort,
                "user.password",
                "The password must have at least 8 characters.",
            );
        } else if len > MAX_PASSWORD {
            errors.add_with(
                Kind::TooLong,
                "user.password",
                "The password may have at most 256 characters.",
            );
        }
    }
    if profile.preferred_languages.iter().any(|l| !is_valid_tag(l)) {
        errors.add(Kind::Invalid, "user.preferredLanguages");
    }
    if profile
        .timezone
        .as_deref()
        .is_some_and(|tz| tz.parse::<chrono_tz::Tz>().is_err())
    {
        errors.add(Kind::Invalid, "user.timezone");
    }
    if nests_deeper_than(&profile.data, MAX_DATA_DEPTH) {
        errors.add_with(
            Kind::Invalid,
            "user.data",
            format!("The value of [user.data] may nest objects and arrays at most {MAX_DATA_DEPTH} deep."),
        );
    }
}

/// Whether the object `map` nests objects and arrays more than `max` deep (`map` itself is 1).
/// Walks without recursion, so any depth that reached memory is measured safely.
pub fn nests_deeper_than(map: &serde_json::Map<String, serde_json::Value>, max: usize) -> bool {
    use serde_json::Value;
    let mut pending: Vec<(&Value, usize)> = map.values().map(|v| (v, 2)).collect();
    if max == 0 {
        return true;
    }
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Object(m) => Box::new(m.values()),
            Value::Array(a) => Box::new(a.iter()),
            _ => continue,
        };
        if depth > max {
            return true;
        }
        pending.extend(children.map(|c| (c, depth + 1)));
    }
    false
}

/// `$fullName`: the full name, else first and last name joined, else empty.
pub fn display_name(user: &User) -> String {
    if let Some(full) = &user.full_name {
        return full.clone();
    }
    [user.first_name.as_deref(), user.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    /// `{"a": [{"a": … {}}]}`: objects and arrays alternating, `depth` levels in all.
    fn nested(depth: usize) -> Map<String, Value> {
        if depth <= 1 {
            return Map::new();
        }
        let mut value = json!({});
        for level in 1..depth - 1 {
            value = if level % 2 == 1 {
                json!([value])
            } else {
                json!({ "a": value })
            };
        }
        Map::from_iter([("a".to_string(), value)])
    }

    fn depth_of(map: &Map<String, Value>) -> usize {
        (0..200).find(|max| !nests_deeper_than(map, *max)).unwrap()
    }

    #[test]
    fn depth_counts_objects_and_arrays() {
        assert_eq!(depth_of(&Map::new()), 1);
        assert_eq!(depth_of(json!({"a": 1, "b": "x"}).as_object().unwrap()), 1);
        assert_eq!(
            depth_of(json!({"a": [1, {"b": []}]}).as_object().unwrap()),
            4
        );
        for depth in [2, 63, 64, 65, 150] {
            assert_eq!(depth_of(&nested(depth)), depth);
        }
    }

    #[test]
    fn data_deeper_than_the_limit_is_invalid() {
        let profile = |data| UserProfile {
            data,
            ..normalise(UserInput {
                email: Some("a@example.com".into()),
                ..UserInput::default()
            })
        };
        let mut errors = FieldErrors::new();
        validate(
            &profile(nested(MAX_DATA_DEPTH)),
            &UserFacts::default(),
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        validate(
            &profile(nested(MAX_DATA_DEPTH + 1)),
            &UserFacts::default(),
            &mut errors,
        );
        assert_eq!(
            errors.field_errors["user.data"][0].code,
            "[invalid]user.data"
        );
    }
}
