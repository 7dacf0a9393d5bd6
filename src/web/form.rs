//! `Form<T>`: an urlencoded form whose `_csrf` field matches the token of the visitor's session
//! (or, before sign-in, their CSRF cookie). A forged cross-site post carries neither.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use super::error::PageError;
use super::session::{session_csrf, CSRF_COOKIE, SESSION_COOKIE};

/// The largest form accepted.
const MAX_FORM: usize = 256 * 1024;

pub struct Form<T>(pub T);

/// The token a form from this visitor must carry, if they have one.
fn expected_token(req: &HttpRequest) -> Option<String> {
    match req.cookie(SESSION_COOKIE) {
        Some(session) => Some(session_csrf(session.value())),
        None => req.cookie(CSRF_COOKIE).map(|c| c.value().to_string()),
    }
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let expected = expected_token(req);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = body
                .await
                .map_err(|e| PageError::BadRequest(e.to_string()))?;
            if bytes.len() > MAX_FORM {
                return Err(PageError::BadRequest("form too large".into()));
            }
            let fields: Vec<(String, String)> = serde_html_form::from_bytes(&bytes)
                .map_err(|e| PageError::BadRequest(e.to_string()))?;
            let sent = fields
                .iter()
                .find(|(name, _)| name == "_csrf")
                .map_or("", |(_, value)| value.as_str());
            match expected {
                Some(token) if !sent.is_empty() && same(&token, sent) => {}
                _ => return Err(PageError::Csrf),
            }
            // PostgreSQL text cannot hold U+0000 and no form of ours needs it.
            if let Some((name, _)) = fields
                .iter()
                .find(|(name, value)| name.contains('\0') || value.contains('\0'))
            {
                return Err(PageError::BadRequest(format!(
                    "the form field {name:?} contains a NUL character"
                )));
            }
            serde_html_form::from_bytes(&bytes)
                .map(Form)
                .map_err(|e| PageError::BadRequest(e.to_string()))
        })
    }
}

/// A path segment that must be an id; anything else is a page that does not exist.
pub fn path_id(raw: &str) -> Result<uuid::Uuid, PageError> {
    uuid::Uuid::parse_str(raw).map_err(|_| PageError::NotFound)
}

/// A whole number typed into a form: empty is absent; anything else but a number is
/// `[invalid]<field>` (and absent).
pub fn number(raw: &str, field: &str, errors: &mut crate::domain::FieldErrors) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = raw.parse::<i64>().ok();
    if parsed.is_none() {
        errors.add(crate::domain::Kind::Invalid, field);
    }
    parsed
}

/// The rows of an editor of two repeated fields typed side by side (a language and its text):
/// the rows typed, without those left blank, and one blank row to add another.
pub fn rows<R>(first: &[String], second: &[String], row: impl Fn(String, String) -> R) -> Vec<R> {
    first
        .iter()
        .zip(second)
        .filter(|(a, b)| !a.trim().is_empty() || !b.trim().is_empty())
        .map(|(a, b)| row(a.clone(), b.clone()))
        .chain([row(String::new(), String::new())])
        .collect()
}

/// A row of a localized-values editor: a language and the value in it.
pub struct LocalizedRow {
    pub locale: String,
    pub value: String,
}

/// The rows of a localized-values editor from the repeated `locale` and `localized` fields.
pub fn localized_rows(locales: &[String], values: &[String]) -> Vec<LocalizedRow> {
    rows(locales, values, |locale, value| LocalizedRow {
        locale,
        value,
    })
}

/// A checkbox field as a `bool`: `#[serde(with = "checkbox")]` in a `#[serde(default)]` form. A browser sends a
/// ticked box's value (ours say `true`; `on` is the default) and leaves an unticked one out.
pub mod checkbox {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        let value = String::deserialize(d)?;
        Ok(matches!(value.trim(), "true" | "on" | "1" | "yes"))
    }

    pub fn serialize<S: Serializer>(value: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if *value { "true" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldErrors;

    #[test]
    fn a_typed_number_is_read_empty_is_absent_and_text_is_invalid() {
        let mut errors = FieldErrors::new();
        assert_eq!(number(" 42 ", "port", &mut errors), Some(42));
        assert_eq!(number("  ", "port", &mut errors), None);
        assert!(errors.is_empty());
        assert_eq!(number("4x", "port", &mut errors), None);
        assert_eq!(errors.field_errors["port"][0].code, "[invalid]port");
    }
}
