//! Property-based tests of every parser that takes text from users: Fluent patterns (email
//! templates), locale and data-import files, JSON request bodies (with PATCH formats) and form
//! bodies. Properties: never panic, and nesting beyond the limits is an error, never a crash.
//! Bounded so that they run in `cargo test` within seconds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use actioneer::api::body;
use actioneer::domain::email_template::{self, EmailTemplateInput};
use actioneer::domain::fluent_limits::MAX_DEPTH;
use actioneer::domain::{fluent_pattern, FieldErrors};
use actioneer::i18n::{check, data_files};
use actioneer::service::translations;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Inputs up to 100 000 levels deep are large: fewer cases keep the run within seconds.
fn deep_config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..config()
    }
}

/// Text made mostly of the characters that mean something to Fluent.
fn fluentish() -> impl Strategy<Value = String> {
    "[{}()\\[\\]*\"\\\\$aZ0 .#=>\n\r-]{0,300}"
}

/// A start and one level of a nesting construct, to repeat after it.
fn opener() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        Just(("", "{")),
        Just(("", "{ ")),
        Just(("", "{{")),
        Just(("{ ", "F(")),
        Just(("", "{ F(")),
        Just(("", "{ $x ->\n *[a] ")),
        Just(("", "{\n")),
        Just(("{ ", "-t(")),
        Just(("{ F(", "{ ")),
    ]
}

/// A nested opening, up to 100 000 levels deep, with text around it.
fn deep() -> impl Strategy<Value = String> {
    (opener(), (MAX_DEPTH + 1)..100_000usize, "[a-z ]{0,8}").prop_map(
        |((start, level), n, tail)| {
            let mut out = String::with_capacity(start.len() + level.len() * n + tail.len() + 6);
            out.push_str("Hello ");
            out.push_str(start);
            for _ in 0..n {
                out.push_str(level);
            }
            out.push_str(&tail);
            out
        },
    )
}

fn template(html: &str) -> EmailTemplateInput {
    EmailTemplateInput {
        name: Some("t".into()),
        default_subject: Some("s".into()),
        default_html_template: Some(html.to_string()),
        default_text_template: Some("t".into()),
        ..EmailTemplateInput::default()
    }
}

fn validate(input: EmailTemplateInput) -> FieldErrors {
    let mut errors = FieldErrors::new();
    email_template::validate(&email_template::normalise(input), &mut errors);
    errors
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn template_patterns_never_panic(text in fluentish()) {
        let _ = fluent_pattern::check(&text, &email_template::VARIABLES);
        let _ = validate(template(&text));
        let _ = email_template::sanitize_translated_html(&text);
        let en = "en".parse().unwrap();
        let _ = fluent_pattern::format(&text, &en, &Default::default());
    }

    #[test]
    fn locale_files_never_panic(text in fluentish()) {
        let file = format!("a = {text}\n-t = x\n# c\nb = {text}");
        let _ = check::syntax_errors(&file);
        let _ = check::messages(&file);
        let _ = data_files::read(&file);
        let _ = translations::read_file(&[], "de", &file);
    }

    #[test]
    fn json_bodies_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = body::object(&bytes, "user");
        let _ = body::request::<serde_json::Value>(&bytes, "user");
        let stored = serde_json::json!({"user": {"data": {"a": [1]}}});
        for media in ["application/json", "application/merge-patch+json", "application/json-patch+json"] {
            let _ = body::patch(stored.clone(), media, &bytes, "user");
        }
    }

    #[test]
    fn json_shaped_bodies_never_panic(text in "[\\[\\]{}\",:0-9a-z ]{0,300}") {
        let _ = body::object(text.as_bytes(), "user");
        let stored = serde_json::json!({"user": {"data": {}}});
        let _ = body::patch(stored, "application/json-patch+json", text.as_bytes(), "user");
    }

    #[test]
    fn form_bodies_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = serde_html_form::from_bytes::<Vec<(String, String)>>(&bytes);
        let _ = serde_html_form::from_bytes::<std::collections::HashMap<String, Vec<String>>>(&bytes);
    }
}

proptest! {
    #![proptest_config(deep_config())]

    #[test]
    fn deep_template_patterns_are_errors(text in deep()) {
        prop_assert!(fluent_pattern::check(&text, &email_template::VARIABLES).is_err());
        let errors = validate(template(&text));
        prop_assert!(errors.has("emailTemplate.defaultHtmlTemplate"));
        let en = "en".parse().unwrap();
        prop_assert_eq!(fluent_pattern::format(&text, &en, &Default::default()), None);
    }

    #[test]
    fn deep_locale_files_are_syntax_errors(text in deep(), before in "[a-z ]{0,10}") {
        let file = format!("ok = {before}\nkey = {text}\n");
        prop_assert!(!check::syntax_errors(&file).is_empty());
        prop_assert!(check::messages(&file).is_empty());
        prop_assert!(data_files::read(&file).is_err());
        prop_assert!(translations::read_file(&[], "de", &file).is_err());
    }

    #[test]
    fn deep_json_bodies_are_errors(n in 130..100_000usize, open in prop_oneof![Just("["), Just("{\"a\":")]) {
        let text = format!("{{\"user\": {}", open.repeat(n));
        prop_assert!(body::object(text.as_bytes(), "user").is_err());
        let stored = serde_json::json!({"user": {}});
        for media in ["application/json", "application/merge-patch+json", "application/json-patch+json"] {
            prop_assert!(body::patch(stored.clone(), media, text.as_bytes(), "user").is_err());
        }
    }
}
