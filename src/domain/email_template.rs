//! Email templates: validation of their Fluent patterns and rendering for a user.

use std::collections::BTreeSet;

use fluent_bundle::FluentArgs;
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::fluent_pattern;
use super::locale::{self, LocalizedStrings};
use super::text::{check_localized, too_long, trim_opt, MAX_NAME};
use super::user::{has_control_characters, is_email};

/// The longest subject (RFC 5322 line length); `max_length = 998` in the input schema.
pub const MAX_SUBJECT: usize = 998;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailTemplateInput {
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub name: Option<String>,
    #[schema(value_type = String, min_length = 1, max_length = 998, pattern = r"\S")]
    pub default_subject: Option<String>,
    /// A Fluent pattern that uses only the email variables.
    #[schema(value_type = String, min_length = 1, pattern = r"\S")]
    pub default_html_template: Option<String>,
    /// A Fluent pattern that uses only the email variables.
    #[schema(value_type = String, min_length = 1, pattern = r"\S")]
    pub default_text_template: Option<String>,
    #[schema(max_length = 191, pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    pub default_from_name: Option<String>,
    #[schema(format = "email", max_length = 191)]
    pub from_email: Option<String>,
    #[schema(schema_with = crate::openapi::localized_subjects)]
    pub localized_subjects: Option<LocalizedStrings>,
    #[schema(schema_with = crate::openapi::localized_templates)]
    pub localized_html_templates: Option<LocalizedStrings>,
    #[schema(schema_with = crate::openapi::localized_templates)]
    pub localized_text_templates: Option<LocalizedStrings>,
    #[schema(schema_with = crate::openapi::localized_from_names)]
    pub localized_from_names: Option<LocalizedStrings>,
}

/// A normalised template: names and subjects trimmed, bodies as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailTemplateSpec {
    pub name: String,
    pub default_subject: String,
    pub default_html_template: String,
    pub default_text_template: String,
    pub default_from_name: Option<String>,
    pub from_email: Option<String>,
    pub localized_subjects: LocalizedStrings,
    pub localized_html_templates: LocalizedStrings,
    pub localized_text_templates: LocalizedStrings,
    pub localized_from_names: LocalizedStrings,
}

impl EmailTemplateSpec {
    /// Every locale tag the template has a localized part for, in order, once each.
    pub fn locales(&self) -> BTreeSet<&str> {
        [
            &self.localized_subjects,
            &self.localized_html_templates,
            &self.localized_text_templates,
            &self.localized_from_names,
        ]
        .into_iter()
        .flat_map(|map| map.keys().map(String::as_str))
        .collect()
    }

    /// Whether the template may be rendered in `tag` (a preview, a test email): a valid tag, or
    /// one the template has parts for. A stored tag may be older than the length limit, and
    /// choosing it must not fail.
    pub fn renders_in(&self, tag: &str) -> bool {
        locale::is_valid_tag(tag) || self.locales().contains(tag)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTemplate {
    pub id: Uuid,
    pub spec: EmailTemplateSpec,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

pub fn normalise(input: EmailTemplateInput) -> EmailTemplateSpec {
    let trimmed = |map: Option<LocalizedStrings>| -> LocalizedStrings {
        map.unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, v.trim().to_string()))
            .collect()
    };
    // A body of only white space counts as blank.
    let body = |value: Option<String>| value.filter(|v| !v.trim().is_empty()).unwrap_or_default();
    EmailTemplateSpec {
        name: trim_opt(input.name).unwrap_or_default(),
        default_subject: trim_opt(input.default_subject).unwrap_or_default(),
        default_html_template: body(input.default_html_template),
        default_text_template: body(input.default_text_template),
        default_from_name: trim_opt(input.default_from_name),
        from_email: trim_opt(input.from_email),
        localized_subjects: trimmed(input.localized_subjects),
        localized_html_templates: input.localized_html_templates.unwrap_or_default(),
        localized_text_templates: input.localized_text_templates.unwrap_or_default(),
        localized_from_names: trimmed(input.localized_from_names),
    }
}

pub fn validate(spec: &EmailTemplateSpec, errors: &mut FieldErrors) {
    if spec.name.is_empty() {
        errors.add(Kind::Blank, "emailTemplate.name");
    } else if too_long(&spec.name, MAX_NAME) {
        errors.add(Kind::TooLong, "emailTemplate.name");
    }
    for (field, value, max) in [
        ("defaultSubject", &spec.default_subject, MAX_SUBJECT),
        (
            "defaultHtmlTemplate",
            &spec.default_html_template,
            usize::MAX,
        ),
        (
            "defaultTextTemplate",
            &spec.default_text_template,
            usize::MAX,
        ),
    ] {
        let field = format!("emailTemplate.{field}");
        if value.trim().is_empty() {
            errors.add(Kind::Blank, &field);
        } else if too_long(value, max) {
            errors.add(Kind::TooLong, &field);
        } else if let Err(problem) = fluent_pattern::check(value, &VARIABLES) {
            errors.add_with(
                Kind::Invalid,
                &field,
                format!("[{field}] is not a valid template: {problem}."),
            );
        }
    }
    if spec
        .default_from_name
        .as_deref()
        .is_some_and(|n| too_long(n, MAX_NAME))
    {
        errors.add(Kind::TooLong, "emailTemplate.defaultFromName");
    }
    // From-names go into the From header, where a line break would start a new header.
    for (field, names) in [
        (
            "emailTemplate.defaultFromName",
            spec.default_from_name.iter().collect::<Vec<_>>(),
        ),
        (
            "emailTemplate.localizedFromNames",
            spec.localized_from_names.values().collect(),
        ),
    ] {
        if names.into_iter().any(|n| has_control_characters(n)) {
            errors.add_with(
                Kind::Invalid,
                field,
                format!("[{field}] may not contain control characters such as line breaks."),
            );
        }
    }
    if let Some(email) = &spec.from_email {
        if too_long(email, MAX_NAME) {
            errors.add(Kind::TooLong, "emailTemplate.fromEmail");
        } else if !is_email(email) {
            errors.add_with(
                Kind::Invalid,
                "emailTemplate.fromEmail",
                format!("[{email}] in [emailTemplate.fromEmail] is not a valid email address."),
            );
        }
    }
    for (field, map, max) in [
        ("localizedSubjects", &spec.localized_subjects, MAX_SUBJECT),
        (
            "localizedHtmlTemplates",
            &spec.localized_html_templates,
            usize::MAX,
        ),
        (
            "localizedTextTemplates",
            &spec.localized_text_templates,
            usize::MAX,
        ),
    ] {
        let field = format!("emailTemplate.{field}");
        check_localized(map, &field, max, errors);
        for (tag, value) in map.iter().filter(|(_, v)| !v.trim().is_empty()) {
            if let Err(problem) = fluent_pattern::check(value, &VARIABLES) {
                errors.add_with(
                    Kind::Invalid,
                    &field,
                    format!("The [{tag}] value of [{field}] is not a valid template: {problem}."),
                );
            }
        }
    }
    check_localized(
        &spec.localized_from_names,
        "emailTemplate.localizedFromNames",
        MAX_NAME,
        errors,
    );
}

/// The variables every action email is rendered with; absent values are empty strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailVars {
    /// The definition name, localized for the actionee.
    pub action: String,
    /// The definition's default name.
    pub action_name: String,
    pub option: String,
    pub reason: String,
    pub reason_code: String,
    pub comment: String,
    /// `i18n::format_expiry`; empty for instantaneous actions and the forever expiry.
    pub expiry: String,
    /// `i18n::localized_duration`; empty where the event has no `localizedDuration`.
    pub duration: String,
    /// `start`, `modify`, `cancel` or `end`.
    pub phase: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub email: String,
    pub username: String,
    pub tenant: String,
    pub base_url: String,
}

/// The names templates may use, as `$name`.
pub const VARIABLES: [&str; 16] = [
    "action",
    "actionName",
    "option",
    "reason",
    "reasonCode",
    "comment",
    "expiry",
    "duration",
    "phase",
    "firstName",
    "lastName",
    "fullName",
    "email",
    "username",
    "tenant",
    "baseUrl",
];

impl EmailVars {
    /// (name, value) in the order of [`VARIABLES`].
    fn values(&self) -> [&str; 16] {
        [
            &self.action,
            &self.action_name,
            &self.option,
            &self.reason,
            &self.reason_code,
            &self.comment,
            &self.expiry,
            &self.duration,
            &self.phase,
            &self.first_name,
            &self.last_name,
            &self.full_name,
            &self.email,
            &self.username,
            &self.tenant,
            &self.base_url,
        ]
    }

    fn args(&self, escape: bool) -> FluentArgs<'static> {
        let mut args = FluentArgs::with_capacity(VARIABLES.len());
        for (name, value) in VARIABLES.iter().zip(self.values()) {
            let value = if escape {
                escape_html(value)
            } else {
                value.to_string()
            };
            args.set(*name, value);
        }
        args
    }
}

/// An email as it is sent: parts chosen for the user's languages and rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// `localizedFromNames` for the user, else `defaultFromName`.
    pub from_name: Option<String>,
    pub from_email: Option<String>,
}

/// Renders `template` for a user with these `preferred` languages. A part that does
/// not parse (validation prevents that for stored templates) renders as the empty string.
pub fn render(template: &EmailTemplate, vars: &EmailVars, preferred: &[String]) -> RenderedEmail {
    let spec = &template.spec;
    let pick = |map: &LocalizedStrings, default: &str| -> String {
        locale::choose(map, preferred)
            .unwrap_or(default)
            .to_string()
    };
    let lang = preferred
        .iter()
        .find_map(|tag| tag.replace('_', "-").parse::<LanguageIdentifier>().ok())
        .unwrap_or_default();
    let plain = vars.args(false);
    let escaped = vars.args(true);
    let part = |pattern: String, args: &FluentArgs| -> String {
        fluent_pattern::format(&pattern, &lang, args).unwrap_or_default()
    };
    let subject = part(
        pick(&spec.localized_subjects, &spec.default_subject),
        &plain,
    );
    RenderedEmail {
        subject: subject.replace("\r\n", " ").replace(['\r', '\n'], " "),
        text: part(
            pick(&spec.localized_text_templates, &spec.default_text_template),
            &plain,
        ),
        html: part(
            pick(&spec.localized_html_templates, &spec.default_html_template),
            &escaped,
        ),
        from_name: locale::choose(&spec.localized_from_names, preferred)
            .map(str::to_string)
            .or_else(|| spec.default_from_name.clone()),
        from_email: spec.from_email.clone(),
    }
}

/// Stands in for the `->` of select expressions while the HTML sanitiser runs (which would
/// escape its `>`); a private-use character no template needs, removed from the input first.
const ARROW: char = '\u{F8FF}';

/// Attributes whose value is a URL (a placeable must not choose its scheme).
const URL_ATTRIBUTES: [&str; 10] = [
    "href",
    "src",
    "cite",
    "srcset",
    "longdesc",
    "action",
    "formaction",
    "poster",
    "background",
    "usemap",
];

/// A translator's HTML body made safe to send (the administrator's own bodies are trusted and
/// kept as written). Scripts, styles, event handlers, frames and unsafe URLs go (`ammonia`);
/// plain formatting and links stay. The pattern's placeables must stay where they cannot change
/// the markup once rendered: a value in an attribute may only use `{ $variable }`s (in a URL,
/// after a fixed `http(s):`/`mailto:` start or `{ $baseUrl }`), else the attribute goes; no
/// tag spans lines (so no select variant starts inside one); and string literals may not use
/// `\u` escapes (which could spell `<`). `Err` says why a body cannot be made safe.
pub fn sanitize_translated_html(pattern: &str) -> Result<String, String> {
    let protected = pattern.replace(ARROW, "").replace("->", &ARROW.to_string());
    let cleaned = ammonia::Builder::default()
        .attribute_filter(|_element, attribute, value| {
            let value = value.replace(['\r', '\n'], " ");
            if !(value.contains('{') || value.contains('}')) {
                return Some(value.into());
            }
            let url = URL_ATTRIBUTES.contains(&attribute);
            (only_variables(&value) && (!url || fixed_start(&value))).then(|| value.into())
        })
        .clean(&protected)
        .to_string()
        .replace(ARROW, "->");
    if fluent_pattern::string_literals(&cleaned)
        .iter()
        .any(|l| l.contains("\\u") || l.contains("\\U"))
    {
        return Err("a string literal in an HTML body may not use \\u escapes".into());
    }
    Ok(cleaned)
}

/// Whether every brace of an attribute value belongs to a `{ $variable }`.
fn only_variables(value: &str) -> bool {
    let mut rest = value;
    while let Some(open) = rest.find(['{', '}']) {
        let Some(after) = rest[open..].strip_prefix('{') else {
            return false;
        };
        let Some(close) = after.find('}') else {
            return false;
        };
        let inner = after[..close].trim();
        let Some(name) = inner.strip_prefix('$') else {
            return false;
        };
        let simple = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !simple {
            return false;
        }
        rest = &after[close + 1..];
    }
    true
}

/// Whether a URL with placeables starts with a scheme that no value can change.
fn fixed_start(value: &str) -> bool {
    let value = value.trim_start();
    let before = value
        .split('{')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if before.is_empty() {
        let first = value
            .strip_prefix('{')
            .and_then(|r| r.split_once('}'))
            .map(|(inner, _)| inner.trim());
        return first == Some("$baseUrl");
    }
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| before.starts_with(scheme))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: serde_json::Value) -> EmailTemplateInput {
        serde_json::from_value(json).unwrap()
    }

    fn valid() -> serde_json::Value {
        serde_json::json!({
            "name": "Ban",
            "defaultSubject": "Your account: { $action }",
            "defaultHtmlTemplate": "<p>Hello { $firstName }</p>",
            "defaultTextTemplate": "Hello { $firstName }",
        })
    }

    fn codes(json: serde_json::Value) -> Vec<String> {
        let mut errors = FieldErrors::new();
        validate(&normalise(input(json)), &mut errors);
        errors.codes()
    }

    fn template(json: serde_json::Value) -> EmailTemplate {
        EmailTemplate {
            id: Uuid::nil(),
            spec: normalise(input(json)),
            insert_instant: 0,
            last_update_instant: 0,
        }
    }

    fn vars() -> EmailVars {
        EmailVars {
            action: "Sperre".into(),
            action_name: "Ban".into(),
            first_name: "Jane <b>&</b> \"J\" O'Hara".into(),
            phase: "start".into(),
            ..EmailVars::default()
        }
    }

    #[test]
    fn a_valid_template_has_no_errors() {
        assert!(codes(valid()).is_empty());
    }

    #[test]
    fn blank_and_too_long() {
        let found = codes(serde_json::json!({"defaultHtmlTemplate": "  \n "}));
        for field in [
            "name",
            "defaultSubject",
            "defaultHtmlTemplate",
            "defaultTextTemplate",
        ] {
            assert!(
                found.contains(&format!("[blank]emailTemplate.{field}")),
                "{field}: {found:?}"
            );
        }
        let mut long = valid();
        long["name"] = "n".repeat(192).into();
        long["defaultSubject"] = "s".repeat(999).into();
        long["defaultFromName"] = "f".repeat(192).into();
        assert_eq!(
            codes(long),
            [
                "[tooLong]emailTemplate.defaultFromName",
                "[tooLong]emailTemplate.defaultSubject",
                "[tooLong]emailTemplate.name"
            ]
        );
        let mut at_limit = valid();
        at_limit["defaultSubject"] = "é".repeat(998).into();
        assert!(codes(at_limit).is_empty());
    }

    #[test]
    fn invalid_patterns_name_the_field_and_say_what_and_where() {
        let mut bad = valid();
        bad["defaultSubject"] = "{ $unknown }".into();
        bad["defaultTextTemplate"] = "Hi\n{ $firstName $phase }".into();
        bad["defaultHtmlTemplate"] = "{ -brand }".into();
        let mut errors = FieldErrors::new();
        validate(&normalise(input(bad)), &mut errors);
        let subject = &errors.field_errors["emailTemplate.defaultSubject"][0];
        assert_eq!(subject.code, "[invalid]emailTemplate.defaultSubject");
        assert!(subject.message.contains("$unknown"), "{}", subject.message);
        let text = &errors.field_errors["emailTemplate.defaultTextTemplate"][0];
        assert!(text.message.contains("line 2"), "{}", text.message);
        assert!(errors.has("emailTemplate.defaultHtmlTemplate"));
    }

    #[test]
    fn localized_values_are_checked_with_their_locale() {
        let mut bad = valid();
        bad["localizedSubjects"] = serde_json::json!({"de": "{ $nope }", "fr": "Salut"});
        bad["localizedHtmlTemplates"] = serde_json::json!({"xx-!!": "a"});
        bad["localizedTextTemplates"] = serde_json::json!({"de": " "});
        bad["localizedFromNames"] = serde_json::json!({"pt-BR": "a", "pt_br": "b"});
        bad["fromEmail"] = "not an address".into();
        let mut errors = FieldErrors::new();
        validate(&normalise(input(bad)), &mut errors);
        let subjects = &errors.field_errors["emailTemplate.localizedSubjects"];
        assert_eq!(subjects.len(), 1);
        assert_eq!(subjects[0].code, "[invalid]emailTemplate.localizedSubjects");
        assert!(
            subjects[0].message.contains("[de]"),
            "{}",
            subjects[0].message
        );
        let code = |f: &str| errors.field_errors[f][0].code.clone();
        assert_eq!(
            code("emailTemplate.localizedHtmlTemplates"),
            "[invalid]emailTemplate.localizedHtmlTemplates"
        );
        assert_eq!(
            code("emailTemplate.localizedTextTemplates"),
            "[blank]emailTemplate.localizedTextTemplates"
        );
        assert_eq!(
            code("emailTemplate.localizedFromNames"),
            "[duplicate]emailTemplate.localizedFromNames"
        );
        assert_eq!(
            code("emailTemplate.fromEmail"),
            "[invalid]emailTemplate.fromEmail"
        );
    }

    #[test]
    fn renders_defaults_escaping_only_the_html_part() {
        let t = template(valid());
        let email = render(&t, &vars(), &[]);
        assert_eq!(email.subject, "Your account: Sperre");
        assert_eq!(email.text, "Hello Jane <b>&</b> \"J\" O'Hara");
        assert_eq!(
            email.html,
            "<p>Hello Jane &lt;b&gt;&amp;&lt;/b&gt; &quot;J&quot; O&#39;Hara</p>"
        );
        assert_eq!(email.from_name, None);
        assert_eq!(email.from_email, None);
        assert!(!email.html.contains('\u{2068}') && !email.subject.contains('\u{2068}'));
    }

    #[test]
    fn chooses_localized_parts_by_preferred_language() {
        let mut json = valid();
        json["localizedSubjects"] = serde_json::json!({"de": "Ihr Konto: { $action }"});
        json["localizedTextTemplates"] =
            serde_json::json!({"de_AT": "Servus { $phase ->\n [start] neu\n *[other] alt\n}"});
        json["localizedFromNames"] = serde_json::json!({"de": "Kundendienst"});
        json["defaultFromName"] = "Support".into();
        json["fromEmail"] = "help@example.com".into();
        let t = template(json);
        let de = render(&t, &vars(), &["de-AT".to_string()]);
        assert_eq!(de.subject, "Ihr Konto: Sperre");
        assert_eq!(de.text, "Servus neu");
        assert_eq!(
            de.html,
            "<p>Hello Jane &lt;b&gt;&amp;&lt;/b&gt; &quot;J&quot; O&#39;Hara</p>"
        );
        assert_eq!(de.from_name.as_deref(), Some("Kundendienst"));
        assert_eq!(de.from_email.as_deref(), Some("help@example.com"));
        let other = render(&t, &vars(), &["es".to_string(), "fr".to_string()]);
        assert_eq!(other.subject, "Your account: Sperre");
        assert_eq!(other.from_name.as_deref(), Some("Support"));
    }

    #[test]
    fn subject_line_breaks_become_spaces_and_unknown_variables_show() {
        let mut json = valid();
        json["defaultSubject"] = "{ $phase }\nfor { $firstName }\r\n{ $nope }".into();
        let t = template(json);
        let vars = EmailVars {
            first_name: "Jane".into(),
            ..vars()
        };
        assert_eq!(render(&t, &vars, &[]).subject, "start for Jane {$nope}");
    }

    #[test]
    fn text_keeps_line_breaks() {
        let mut json = valid();
        json["defaultTextTemplate"] = "Hello { $firstName },\n\nbye\n".into();
        let vars = EmailVars {
            first_name: "Jane".into(),
            ..vars()
        };
        assert_eq!(
            render(&template(json), &vars, &[]).text,
            "Hello Jane,\n\nbye"
        );
    }

    #[test]
    fn translated_html_is_sanitised_but_keeps_its_placeables() {
        let clean = sanitize_translated_html(
            "<p onclick=\"x()\">Hi { $firstName }</p><script>alert(1)</script><iframe></iframe>",
        )
        .unwrap();
        assert_eq!(clean, "<p>Hi { $firstName }</p>");
        let select = "<b>{ $phase ->\n   [cancel] lifted\n  *[other] in place\n}</b>";
        assert_eq!(sanitize_translated_html(select).unwrap(), select);
        for link in [
            "<a href=\"{ $baseUrl }/account\">Konto</a>",
            "<a href=\"https://example.com/u/{ $username }\">Konto</a>",
        ] {
            let clean = sanitize_translated_html(link).unwrap();
            assert!(clean.contains("href="), "{clean}");
        }
        let dropped = sanitize_translated_html("<a href=\"{ $comment }\">x</a>").unwrap();
        assert!(!dropped.contains("href"), "{dropped}");
        assert!(sanitize_translated_html("{\"\\u003Cscript\\u003E\"}").is_err());
    }

    #[test]
    fn placeables_cannot_rebuild_markup_once_rendered() {
        let attacks = [
            "{ $phase ->\n [a] <b title=\"\n *[b] x\n}<img src=x onerror=alert(1)>\"></b>",
            "<a href=\"{ $phase ->\n *[x] javascript:alert(1)\n}\">x</a>",
            "<a href=\"{ $comment }\">x</a>",
            "<a href=\"java{ \"\" }script:alert(1)\">x</a>",
            "<a title=\"x{ $phase ->\n *[a] \" onclick=\"alert(1)\n}\">y</a>",
            "{ $phase ->\n [a] <a title=\"\n *[b] <i\n}\" onmouseover=alert(1) x=\">z</a>",
        ];
        for attack in attacks {
            let Ok(clean) = sanitize_translated_html(attack) else {
                continue;
            };
            for phase in ["a", "b", "x"] {
                let mut json = valid();
                json["defaultHtmlTemplate"] = clean.clone().into();
                let vars = EmailVars {
                    phase: phase.into(),
                    comment: "javascript:alert(1)".into(),
                    ..vars()
                };
                let html = render(&template(json), &vars, &[]).html;
                for bad in [
                    "onerror",
                    "onclick",
                    "onmouseover",
                    "href=\"javascript",
                    "<script",
                ] {
                    assert!(!html.contains(bad), "{attack:?} → {clean:?} → {html:?}");
                }
            }
        }
    }
}
