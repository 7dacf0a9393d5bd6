//! Reading requests: JSON bodies with FusionAuth's error codes, PATCH formats, path ids, queries.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::error::ApiError;
use crate::domain::{FieldErrors, Kind};

/// Parses the whole body as a JSON object; `[invalidJSON]<wrapper>` / `[missing]<wrapper>`.
pub fn object(bytes: &[u8], wrapper: &str) -> Result<Map<String, Value>, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::field(Kind::Missing, wrapper));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => {
            refuse_nul(&map, wrapper)?;
            Ok(map)
        }
        Ok(_) => Err(ApiError::field(Kind::Missing, wrapper)),
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add_with(
                Kind::InvalidJson,
                wrapper,
                format!("The request body is not valid JSON: {e}."),
            );
            Err(errors.into())
        }
    }
}

/// Refuses a body with U+0000 in any string or key: PostgreSQL text cannot hold it, and no
/// FusionAuth value needs it. `[invalid]<json path>`: object keys joined with dots, array
/// indices left out (as for type errors); a bad key names the object that holds it.
fn refuse_nul(map: &Map<String, Value>, wrapper: &str) -> Result<(), ApiError> {
    match nul_path(map, &mut Vec::new()) {
        None => Ok(()),
        Some(path) => {
            let field = if path.is_empty() {
                wrapper.to_string()
            } else {
                path.join(".")
            };
            let mut errors = FieldErrors::new();
            errors.add_with(
                Kind::Invalid,
                &field,
                format!("The value of [{field}] contains a NUL character (U+0000)."),
            );
            Err(errors.into())
        }
    }
}

/// The keys down to the first string or key holding U+0000, if any.
fn nul_path<'a>(map: &'a Map<String, Value>, path: &mut Vec<&'a str>) -> Option<Vec<String>> {
    for (key, value) in map {
        if key.contains('\0') {
            return Some(path.iter().map(|k| k.to_string()).collect());
        }
        path.push(key);
        let found = nul_in_value(value, path);
        path.pop();
        if found.is_some() {
            return found;
        }
    }
    None
}

fn nul_in_value<'a>(value: &'a Value, path: &mut Vec<&'a str>) -> Option<Vec<String>> {
    match value {
        Value::String(s) if s.contains('\0') => Some(path.iter().map(|k| k.to_string()).collect()),
        Value::Object(map) => nul_path(map, path),
        Value::Array(items) => items.iter().find_map(|item| nul_in_value(item, path)),
        _ => None,
    }
}

/// Deserializes `value` as `T`; a type error names the JSON path: `[invalid]<prefix>.<path>`.
///
/// A number with a zero fraction (`1000.0`, `1e3`) is an integer to JSON Schema, as the document
/// says: where `T` asks for an integer and finds one written so, it is read as that integer
/// (and the body again). Numbers `T` keeps as they are (free-form `data`) stay as written.
pub fn typed<T: DeserializeOwned>(mut value: Value, prefix: &str) -> Result<T, ApiError> {
    let mut rewritten = 0;
    loop {
        match serde_path_to_error::deserialize(&value) {
            Ok(typed) => return Ok(typed),
            Err(e) if rewritten < MAX_WHOLE_NUMBERS && whole_at(&mut value, e.path()) => {
                rewritten += 1;
            }
            Err(e) => return Err(type_error(e.path(), prefix)),
        }
    }
}

/// The most zero-fraction numbers one body may have read as integers.
const MAX_WHOLE_NUMBERS: usize = 64;

/// `[invalid]<prefix>.<path>` for a value of the wrong type at `path`.
fn type_error(path: &serde_path_to_error::Path, prefix: &str) -> ApiError {
    let fields: Vec<String> = path
        .iter()
        .filter_map(|seg| match seg {
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
            _ => None,
        })
        .collect();
    let field = if fields.is_empty() {
        prefix.to_string()
    } else if prefix.is_empty() {
        fields.join(".")
    } else {
        format!("{prefix}.{}", fields.join("."))
    };
    let mut errors = FieldErrors::new();
    errors.add_with(
        Kind::Invalid,
        &field,
        format!("The value of [{field}] has the wrong type or format."),
    );
    ApiError::BadRequest(errors)
}

/// Rewrites the number at `path` as an integer if it is a whole one written with a fraction;
/// false if there is none such to rewrite. A path that ends at an object or an array (the error
/// lies in a flattened part, which the path cannot enter) rewrites every such number in it.
fn whole_at(value: &mut Value, path: &serde_path_to_error::Path) -> bool {
    let mut at = value;
    for seg in path.iter() {
        let next = match (seg, at) {
            (serde_path_to_error::Segment::Map { key }, Value::Object(map)) => map.get_mut(key),
            (serde_path_to_error::Segment::Seq { index }, Value::Array(items)) => {
                items.get_mut(*index)
            }
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => return false,
        }
    }
    all_as_integers(at)
}

/// Rewrites every whole number written with a fraction in `value` as an integer; false if none.
fn all_as_integers(value: &mut Value) -> bool {
    match value {
        // Every child is rewritten (`count`, where `any` would stop at the first).
        Value::Object(map) => map.values_mut().map(all_as_integers).filter(|r| *r).count() > 0,
        Value::Array(items) => items.iter_mut().map(all_as_integers).filter(|r| *r).count() > 0,
        v => as_integer(v),
    }
}

/// Rewrites `value` as an integer if it is a whole number written with a fraction.
fn as_integer(value: &mut Value) -> bool {
    let Value::Number(n) = value else {
        return false;
    };
    // Within i64: -2^63 is exact as f64, and `i64::MAX as f64` is 2^63, just outside.
    let whole = n
        .as_f64()
        .filter(|f| n.is_f64() && f.fract() == 0.0)
        .filter(|f| *f >= i64::MIN as f64 && *f < i64::MAX as f64);
    match whole {
        Some(f) => {
            *n = (f as i64).into();
            true
        }
        None => false,
    }
}

/// A request body whose `wrapper` property holds an object, typed as a whole (other top-level
/// properties ride along): `[missing]<wrapper>` when it is absent or null, `[invalid]<wrapper>`
/// when it is not an object, `[invalid]<json path>` for a type error.
pub fn request<T: DeserializeOwned>(bytes: &[u8], wrapper: &str) -> Result<T, ApiError> {
    from_object(object(bytes, wrapper)?, wrapper)
}

fn from_object<T: DeserializeOwned>(top: Map<String, Value>, wrapper: &str) -> Result<T, ApiError> {
    match top.get(wrapper) {
        None | Some(Value::Null) => Err(ApiError::field(Kind::Missing, wrapper)),
        Some(Value::Object(_)) => typed(Value::Object(top), ""),
        Some(_) => Err(ApiError::field(Kind::Invalid, wrapper)),
    }
}

/// A body with no wrapper, typed as a whole; `name` is the field an unparsable body reports.
pub fn whole<T: DeserializeOwned>(bytes: &[u8], name: &str) -> Result<T, ApiError> {
    typed(Value::Object(object(bytes, name)?), "")
}

/// `whole`, where an empty body means every criterion left out.
pub fn optional<T: DeserializeOwned + Default>(bytes: &[u8], name: &str) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    whole(bytes, name)
}

/// Applies a PATCH body to the stored document (wrapped, as a GET returns it), by media type.
pub fn patch(
    stored: Value,
    content_type: &str,
    bytes: &[u8],
    wrapper: &str,
) -> Result<Value, ApiError> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let mut doc = stored;
    match media.as_str() {
        "application/json-patch+json" => {
            let value = parse_any(bytes, wrapper)?;
            let ops: json_patch::Patch = serde_json::from_value(value).map_err(|e| {
                let mut errors = FieldErrors::new();
                errors.add_with(
                    Kind::Invalid,
                    wrapper,
                    format!("The JSON Patch document is invalid: {e}."),
                );
                ApiError::BadRequest(errors)
            })?;
            json_patch::patch(&mut doc, &ops).map_err(|e| {
                let mut errors = FieldErrors::new();
                errors.add_with(
                    Kind::Invalid,
                    wrapper,
                    format!("The JSON Patch could not be applied: {e}."),
                );
                ApiError::BadRequest(errors)
            })?;
        }
        "application/merge-patch+json" => {
            let value = parse_any(bytes, wrapper)?;
            json_patch::merge(&mut doc, &value);
        }
        _ => {
            let value = Value::Object(object(bytes, wrapper)?);
            merge_appending(&mut doc, value);
        }
    }
    // Checked after patching: a JSON Patch can smuggle a string in through any operation.
    if let Value::Object(map) = &doc {
        refuse_nul(map, wrapper)?;
    }
    Ok(doc)
}

/// The media type of a request, `application/json` when absent.
pub fn content_type(req: &actix_web::HttpRequest) -> String {
    req.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_string()
}

/// PATCH in one step: the stored wire object, wrapped, patched, and read back as a request.
pub fn patched<T: DeserializeOwned>(
    stored: &impl serde::Serialize,
    wrapper: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<T, ApiError> {
    let mut doc = Map::new();
    doc.insert(
        wrapper.to_string(),
        serde_json::to_value(stored).map_err(|e| ApiError::Internal(e.to_string()))?,
    );
    match patch(Value::Object(doc), content_type, bytes, wrapper)? {
        Value::Object(top) => from_object(top, wrapper),
        _ => Err(ApiError::field(Kind::Missing, wrapper)),
    }
}

fn parse_any(bytes: &[u8], wrapper: &str) -> Result<Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add_with(
            Kind::InvalidJson,
            wrapper,
            format!("The request body is not valid JSON: {e}."),
        );
        ApiError::BadRequest(errors)
    })
}

/// FusionAuth's `application/json` PATCH: objects merge, `null` removes, arrays append.
fn merge_appending(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (key, value) in p {
                if value.is_null() {
                    t.remove(&key);
                } else if let Some(existing) = t.get_mut(&key) {
                    merge_appending(existing, value);
                } else {
                    t.insert(key, value);
                }
            }
        }
        (Value::Array(t), Value::Array(p)) => t.extend(p),
        (t, p) => *t = p,
    }
}

/// A path id: `[invalid]<name>` when it is not a UUID.
pub fn path_id(raw: &str, name: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::field(Kind::Invalid, name))
}

pub type Query = HashMap<String, String>;

/// A `true`/`false` query parameter.
pub fn query_bool(query: &Query, name: &str) -> Result<Option<bool>, ApiError> {
    match query.get(name).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(ApiError::field(Kind::Invalid, name)),
    }
}

pub fn query_uuid(query: &Query, name: &str) -> Result<Option<Uuid>, ApiError> {
    query
        .get(name)
        .map(|v| Uuid::parse_str(v).map_err(|_| ApiError::field(Kind::Invalid, name)))
        .transpose()
}

pub fn query_i64(query: &Query, name: &str) -> Result<Option<i64>, ApiError> {
    query
        .get(name)
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ApiError::field(Kind::Invalid, name))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_patch_merge_appends_arrays_and_removes_nulls() {
        let stored = json!({"x": {"name": "a", "options": [{"name": "1"}], "gone": 1}});
        let out = patch(
            stored,
            "application/json",
            br#"{"x": {"options": [{"name": "2"}], "gone": null}}"#,
            "x",
        )
        .unwrap();
        assert_eq!(
            out,
            json!({"x": {"name": "a", "options": [{"name": "1"}, {"name": "2"}]}})
        );
    }

    fn invalid_fields(err: ApiError) -> Vec<String> {
        match err {
            ApiError::BadRequest(e) => e.field_errors.keys().cloned().collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nul_anywhere_in_a_body_names_its_path() {
        let cases: [(&[u8], &str); 5] = [
            (
                br#"{"userAction": {"name": "a\u0000b"}}"#,
                "userAction.name",
            ),
            (
                br#"{"userAction": {"options": [{"name": "ok"}, {"name": "\u0000"}]}}"#,
                "userAction.options.name",
            ),
            (
                br#"{"userAction": {"localizedNames": {"de\u0000": "x"}}}"#,
                "userAction.localizedNames",
            ),
            (br#"{"loginId": "a\u0000", "password": "p"}"#, "loginId"),
            (br#"{"x\u0000": 1}"#, "userAction"),
        ];
        for (body, field) in cases {
            let err = object(body, "userAction").unwrap_err();
            assert_eq!(invalid_fields(err), vec![field.to_string()]);
        }
        assert!(object(br#"{"userAction": {"name": "a\\u0000"}}"#, "userAction").is_ok());
    }

    #[test]
    fn nul_through_any_patch_format_is_refused() {
        let stored = json!({"userAction": {"name": "a"}});
        for (media, body) in [
            (
                "application/json",
                &br#"{"userAction": {"name": "\u0000"}}"#[..],
            ),
            (
                "application/merge-patch+json",
                &br#"{"userAction": {"name": "\u0000"}}"#[..],
            ),
            (
                "application/json-patch+json",
                &br#"[{"op": "replace", "path": "/userAction/name", "value": "\u0000"}]"#[..],
            ),
        ] {
            let err = patch(stored.clone(), media, body, "userAction").unwrap_err();
            assert_eq!(
                invalid_fields(err),
                vec!["userAction.name".to_string()],
                "{media}"
            );
        }
    }

    #[test]
    fn a_zero_fraction_is_an_integer_and_a_fraction_is_not() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Beyond {
            window: i64,
        }
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct T {
            expiry: Option<i64>,
            durations: Vec<i64>,
            #[serde(flatten)]
            beyond: Beyond,
        }
        let read = |body: &[u8]| whole::<T>(body, "action");
        assert_eq!(
            read(br#"{"expiry": 1.7e12, "durations": [60000.0, -2.0], "window": 5e3}"#).unwrap(),
            T {
                expiry: Some(1_700_000_000_000),
                durations: vec![60_000, -2],
                beyond: Beyond { window: 5000 },
            }
        );
        for (body, field) in [
            (
                &br#"{"expiry": 1.5, "durations": [], "window": 1}"#[..],
                "expiry",
            ),
            (
                br#"{"expiry": 1e19, "durations": [], "window": 1}"#,
                "expiry",
            ),
        ] {
            assert_eq!(
                invalid_fields(read(body).unwrap_err()),
                vec![field.to_string()]
            );
        }
    }

    #[test]
    fn free_form_numbers_stay_as_written() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            expiry: i64,
            data: Value,
        }
        let read: T = whole(
            br#"{"expiry": 5.0, "data": {"ratio": 2.0, "n": [1.0]}}"#,
            "user",
        )
        .expect("read");
        assert_eq!(read.expiry, 5);
        assert_eq!(read.data.to_string(), r#"{"n":[1.0],"ratio":2.0}"#);
    }

    #[test]
    fn type_errors_name_the_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            temporal: Option<bool>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        #[serde(rename_all = "camelCase")]
        struct R {
            user_action: T,
        }
        let err =
            request::<R>(br#"{"userAction": {"temporal": "yes"}}"#, "userAction").unwrap_err();
        match err {
            ApiError::BadRequest(e) => assert!(e.has("userAction.temporal")),
            other => panic!("{other:?}"),
        }
    }
}
