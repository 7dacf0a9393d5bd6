//! Webhooks: where `user.action` events go, and how they are signed.

use std::collections::BTreeMap;
use std::net::Ipv6Addr;

use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::text::{too_long, trim_opt, MAX_DESCRIPTION};

pub const MAX_URL: usize = 2048;
/// The only event Actioneer produces.
pub const USER_ACTION: &str = "user.action";
/// Standard Webhooks secrets are `whsec_` followed by standard base64.
pub const SECRET_PREFIX: &str = "whsec_";

/// Header names Actioneer sets itself on every delivery (plus every `webhook-*` name).
const RESERVED_HEADERS: [&str; 4] = [
    "content-type",
    "content-length",
    "host",
    "x-fusionauth-signature-jwt",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookSignatureConfigurationInput)]
pub struct SignatureConfigurationInput {
    pub enabled: Option<bool>,
    pub signing_key_id: Option<Uuid>,
}

/// `{"webhook": {...}}` of a create, update or patch; `secret` is read-only and ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookInput)]
pub struct WebhookInput {
    /// An absolute `http` or `https` URL with a host.
    #[schema(schema_with = crate::openapi::webhook_url, required = true)]
    pub url: Option<String>,
    /// Milliseconds.
    #[schema(value_type = i64, minimum = 1, maximum = 2147483647)]
    pub connect_timeout: Option<i64>,
    /// Milliseconds.
    #[schema(value_type = i64, minimum = 1, maximum = 2147483647)]
    pub read_timeout: Option<i64>,
    #[schema(max_length = 1024)]
    pub description: Option<String>,
    pub events_enabled: Option<BTreeMap<String, bool>>,
    pub global: Option<bool>,
    pub tenant_ids: Option<Vec<Uuid>>,
    #[schema(schema_with = crate::openapi::webhook_headers)]
    pub headers: Option<Map<String, Value>>,
    pub http_authentication_username: Option<String>,
    /// Write-only; kept by an update that omits it.
    #[schema(write_only)]
    pub http_authentication_password: Option<String>,
    pub signature_configuration: Option<SignatureConfigurationInput>,
    /// Not supported: any value but `null` is refused.
    #[schema(schema_with = crate::openapi::refused)]
    pub ssl_certificate_key_id: Option<Value>,
    /// Not supported: any value but `null` is refused.
    #[schema(schema_with = crate::openapi::refused)]
    pub ssl_certificate: Option<Value>,
    /// Definitions whose events this webhook receives; empty means all.
    pub user_action_ids: Option<Vec<Uuid>>,
    #[schema(value_type = Option<Object>)]
    pub data: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignatureConfiguration {
    pub enabled: bool,
    pub signing_key_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebhookSpec {
    pub url: String,
    pub connect_timeout: i32,
    pub read_timeout: i32,
    pub description: Option<String>,
    pub events_enabled: BTreeMap<String, bool>,
    pub global: bool,
    pub tenant_ids: Vec<Uuid>,
    pub headers: BTreeMap<String, String>,
    pub http_authentication_username: Option<String>,
    pub http_authentication_password: Option<String>,
    pub signature_configuration: SignatureConfiguration,
    pub user_action_ids: Vec<Uuid>,
    pub data: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub id: Uuid,
    pub spec: WebhookSpec,
    /// `whsec_<base64>`, generated on create and never changed by the API.
    pub secret: String,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

impl Webhook {
    /// Whether an event of this definition in this tenant goes to this webhook.
    /// The tenant's own event configuration is checked by the caller.
    pub fn receives(&self, tenant_id: Uuid, user_action_id: Uuid) -> bool {
        let s = &self.spec;
        s.events_enabled.get(USER_ACTION).copied().unwrap_or(false)
            && (s.global || s.tenant_ids.contains(&tenant_id))
            && (s.user_action_ids.is_empty() || s.user_action_ids.contains(&user_action_id))
    }

    /// Drops a deleted tenant; whether anything changed.
    pub fn forget_tenant(&mut self, tenant_id: Uuid) -> bool {
        super::forget(&mut self.spec.tenant_ids, tenant_id)
    }

    /// Drops a hard-deleted definition; a list left empty turns `user.action` off rather than
    /// silently widening the webhook to every definition.
    pub fn forget_user_action(&mut self, user_action_id: Uuid) -> bool {
        if !super::forget(&mut self.spec.user_action_ids, user_action_id) {
            return false;
        }
        if self.spec.user_action_ids.is_empty() {
            self.spec
                .events_enabled
                .insert(USER_ACTION.to_string(), false);
        }
        true
    }
}

/// A request after trimming, before the checks that need it whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebhookDraft {
    pub url: Option<String>,
    pub connect_timeout: Option<i64>,
    pub read_timeout: Option<i64>,
    pub description: Option<String>,
    pub events_enabled: BTreeMap<String, bool>,
    pub global: bool,
    pub tenant_ids: Vec<Uuid>,
    pub headers: Map<String, Value>,
    pub http_authentication_username: Option<String>,
    pub http_authentication_password: Option<String>,
    pub signature_configuration: SignatureConfiguration,
    pub ssl_certificate_key_id: bool,
    pub ssl_certificate: bool,
    pub user_action_ids: Vec<Uuid>,
    pub data: Map<String, Value>,
}

/// What only the database knows.
#[derive(Debug, Clone, Default)]
pub struct WebhookFacts {
    pub unknown_tenant: bool,
    pub unknown_user_action: bool,
    /// The named signing key exists (all stored keys are HMAC keys).
    pub signing_key_known: bool,
}

fn dedup(ids: Vec<Uuid>) -> Vec<Uuid> {
    let mut out: Vec<Uuid> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

pub fn normalise(input: WebhookInput) -> WebhookDraft {
    let signature = input.signature_configuration.unwrap_or_default();
    WebhookDraft {
        url: trim_opt(input.url),
        connect_timeout: input.connect_timeout,
        read_timeout: input.read_timeout,
        description: trim_opt(input.description),
        events_enabled: input.events_enabled.unwrap_or_default(),
        global: input.global.unwrap_or(false),
        tenant_ids: dedup(input.tenant_ids.unwrap_or_default()),
        headers: input.headers.unwrap_or_default(),
        http_authentication_username: trim_opt(input.http_authentication_username),
        http_authentication_password: input.http_authentication_password.filter(|p| !p.is_empty()),
        signature_configuration: SignatureConfiguration {
            enabled: signature.enabled.unwrap_or(false),
            signing_key_id: signature.signing_key_id,
        },
        ssl_certificate_key_id: input.ssl_certificate_key_id.is_some(),
        ssl_certificate: input.ssl_certificate.is_some(),
        user_action_ids: dedup(input.user_action_ids.unwrap_or_default()),
        data: input.data.unwrap_or_default(),
    }
}

/// An absolute `http`/`https` URL with a host, without white space or control characters.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return false;
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        // Brackets hold an IPv6 literal (RFC 3986), and only a port may follow them.
        let Some((h, tail)) = v6.split_once(']') else {
            return false;
        };
        if h.parse::<Ipv6Addr>().is_err() {
            return false;
        }
        match tail.strip_prefix(':') {
            Some(p) => (h, Some(p)),
            None if tail.is_empty() => (h, None),
            None => return false,
        }
    } else {
        let (h, p) = match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        };
        // Outside brackets a host is a name or an IPv4 address: no colons, no brackets.
        if h.contains([':', '[', ']']) {
            return false;
        }
        (h, p)
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    !host.is_empty() && port_ok
}

/// `is_http_url` as a regular expression, for the OpenAPI document: a name or IPv4 host, or an
/// IPv6 literal in brackets, and an optional port. It allows no value `is_http_url` refuses (a
/// property test checks), though it is stricter about the characters of names and paths.
pub fn http_url_pattern() -> String {
    let port = "(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})";
    let name = "[A-Za-z0-9._~!$&'()*+,;=%-]+";
    let ipv6 = ipv6_pattern();
    let host = format!(r"({name}|\[({ipv6})\])");
    format!(
        r"^[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9._~!$&'()*+,;=%:-]*@)?{host}(:{port})?([/?#][!-~]*)?$"
    )
}

/// An IPv6 address as RFC 3986 (section 3.2.2) spells it: its nine forms, from eight groups to
/// `::` alone, the last two groups possibly written as an IPv4 address.
fn ipv6_pattern() -> String {
    let h16 = "[0-9A-Fa-f]{1,4}";
    let octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    let ls32 = format!(r"({h16}:{h16}|{octet}(\.{octet}){{3}})");
    [
        format!("({h16}:){{6}}{ls32}"),
        format!("::({h16}:){{5}}{ls32}"),
        format!("({h16})?::({h16}:){{4}}{ls32}"),
        format!("(({h16}:)?{h16})?::({h16}:){{3}}{ls32}"),
        format!("(({h16}:){{0,2}}{h16})?::({h16}:){{2}}{ls32}"),
        format!("(({h16}:){{0,3}}{h16})?::{h16}:{ls32}"),
        format!("(({h16}:){{0,4}}{h16})?::{ls32}"),
        format!("(({h16}:){{0,5}}{h16})?::{h16}"),
        format!("(({h16}:){{0,6}}{h16})?::"),
    ]
    .map(|form| format!("({form})"))
    .join("|")
}

/// An HTTP header name (RFC 9110 token).
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

fn is_reserved(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    RESERVED_HEADERS.contains(&lower.as_str()) || lower.starts_with("webhook-")
}

fn check_headers(
    headers: &Map<String, Value>,
    errors: &mut FieldErrors,
) -> BTreeMap<String, String> {
    let field = "webhook.headers";
    let mut out = BTreeMap::new();
    for (name, value) in headers {
        if !is_token(name) {
            errors.add_with(
                Kind::Invalid,
                field,
                format!("[{name}] is not a valid HTTP header name."),
            );
        } else if is_reserved(name) {
            errors.add_with(
                Kind::Invalid,
                field,
                format!("[{name}] is set by Actioneer and cannot be configured."),
            );
        }
        match value.as_str() {
            Some(v) if v.contains(['\r', '\n', '\0']) => errors.add_with(
                Kind::Invalid,
                field,
                format!("The value of header [{name}] may not contain a line break."),
            ),
            Some(v) => {
                out.insert(name.clone(), v.to_string());
            }
            None => errors.add_with(
                Kind::Invalid,
                field,
                format!("The value of header [{name}] must be a string."),
            ),
        }
    }
    out
}

fn check_timeout(value: Option<i64>, field: &str, errors: &mut FieldErrors) -> i32 {
    match value {
        None => errors.add(Kind::Missing, field),
        Some(v) if v <= 0 => errors.add(Kind::TooSmall, field),
        Some(v) => match i32::try_from(v) {
            Ok(v) => return v,
            Err(_) => errors.add_with(
                Kind::Invalid,
                field,
                format!("[{field}] may be at most {} milliseconds.", i32::MAX),
            ),
        },
    }
    0
}

/// Checks a draft; the returned spec is meaningful only when no error was recorded.
pub fn validate(
    draft: WebhookDraft,
    facts: &WebhookFacts,
    errors: &mut FieldErrors,
) -> WebhookSpec {
    match &draft.url {
        None => errors.add(Kind::Blank, "webhook.url"),
        Some(url) if too_long(url, MAX_URL) => errors.add(Kind::TooLong, "webhook.url"),
        Some(url) if !is_http_url(url) => errors.add_with(
            Kind::Invalid,
            "webhook.url",
            "The webhook URL must be an absolute http or https URL.",
        ),
        Some(_) => {}
    }
    let connect_timeout = check_timeout(draft.connect_timeout, "webhook.connectTimeout", errors);
    let read_timeout = check_timeout(draft.read_timeout, "webhook.readTimeout", errors);
    if draft
        .description
        .as_deref()
        .is_some_and(|d| too_long(d, MAX_DESCRIPTION))
    {
        errors.add(Kind::TooLong, "webhook.description");
    }
    if facts.unknown_tenant {
        errors.add_with(
            Kind::Invalid,
            "webhook.tenantIds",
            "[webhook.tenantIds] names a tenant that does not exist.",
        );
    }
    if facts.unknown_user_action {
        errors.add_with(
            Kind::Invalid,
            "webhook.userActionIds",
            "[webhook.userActionIds] names a user action that does not exist.",
        );
    }
    let headers = check_headers(&draft.headers, errors);
    let signature = &draft.signature_configuration;
    let key_field = "webhook.signatureConfiguration.signingKeyId";
    match signature.signing_key_id {
        None if signature.enabled => errors.add_with(
            Kind::Missing,
            key_field,
            "Signing is enabled, so a signing key is required.",
        ),
        Some(_) if !facts.signing_key_known => errors.add_with(
            Kind::Invalid,
            key_field,
            "The signing key does not exist or is not an HMAC key.",
        ),
        _ => {}
    }
    if draft.ssl_certificate_key_id {
        errors.add_with(
            Kind::NotAllowed,
            "webhook.sslCertificateKeyId",
            "Client certificates are not supported.",
        );
    }
    if draft.ssl_certificate {
        errors.add_with(
            Kind::NotAllowed,
            "webhook.sslCertificate",
            "Client certificates are not supported.",
        );
    }
    WebhookSpec {
        url: draft.url.unwrap_or_default(),
        connect_timeout,
        read_timeout,
        description: draft.description,
        events_enabled: draft.events_enabled,
        global: draft.global,
        tenant_ids: draft.tenant_ids,
        headers,
        http_authentication_username: draft.http_authentication_username,
        http_authentication_password: draft.http_authentication_password,
        signature_configuration: draft.signature_configuration,
        user_action_ids: draft.user_action_ids,
        data: draft.data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(input: serde_json::Value, facts: WebhookFacts) -> Vec<String> {
        let input: WebhookInput = serde_json::from_value(input).unwrap();
        let mut errors = FieldErrors::new();
        validate(normalise(input), &facts, &mut errors);
        errors.codes()
    }

    fn valid() -> serde_json::Value {
        serde_json::json!({"url": "https://example.com/hook", "connectTimeout": 1000, "readTimeout": 2000})
    }

    #[test]
    fn a_minimal_webhook_is_valid() {
        assert!(codes(valid(), WebhookFacts::default()).is_empty());
    }

    #[test]
    fn urls_must_be_absolute_http() {
        for ok in [
            "http://localhost:8080/x",
            "https://user:pw@example.com",
            "HTTPS://EXAMPLE.COM?q=1",
            "http://[::1]:9000/",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "ftp://example.com",
            "example.com",
            "http://",
            "http:///path",
            "http://exa mple.com",
            "http://example.com:port/",
            "http://example.com:99999/",
            "/relative",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn a_bracketed_host_is_an_ipv6_literal() {
        for ok in [
            "http://[::1]/",
            "https://[2001:db8::1]",
            "http://[2001:DB8::1]:8443/hook?x=1",
            "http://[::ffff:192.0.2.1]:80/",
            "http://user:pw@[fe80::1]/",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "http://[anything]/",
            "http://[]/",
            "http://[127.0.0.1]/",
            "http://[v1.fe80::1]/",
            "http://[fe80::1%25eth0]/",
            "http://[::1/",
            "http://[::1]x/",
            "http://[::1]:/",
            "http://[::1]:port/",
            "http://[[::1]]/",
            "http://exa]mple.com/",
            "http://::1/",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    /// The documented pattern allows bracketed IPv6 hosts too (the OpenAPI test checks that all
    /// it allows is accepted).
    #[test]
    fn the_documented_url_pattern_allows_ipv6_literals() {
        use proptest::strategy::{Strategy, ValueTree};
        let pattern = http_url_pattern();
        let unanchored = pattern
            .strip_prefix('^')
            .unwrap()
            .strip_suffix('$')
            .unwrap();
        let strategy = proptest::string::string_regex(unanchored).unwrap();
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let bracketed = (0..200)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .filter(|url| {
                let rest = url.split_once("://").unwrap().1;
                rest.split(['/', '?', '#']).next().unwrap().contains('[')
            })
            .inspect(|url| assert!(is_http_url(url), "{url}"))
            .count();
        assert!(bracketed > 0);
    }

    #[test]
    fn headers_refuse_bad_and_reserved_names_and_line_breaks() {
        for headers in [
            serde_json::json!({"Bad Name": "x"}),
            serde_json::json!({"content-type": "text/plain"}),
            serde_json::json!({"Webhook-Signature": "x"}),
            serde_json::json!({"X-FusionAuth-Signature-JWT": "x"}),
            serde_json::json!({"X-Ok": "a\r\nInjected: 1"}),
            serde_json::json!({"X-Ok": 5}),
        ] {
            let mut input = valid();
            input["headers"] = headers.clone();
            assert_eq!(
                codes(input, WebhookFacts::default()),
                ["[invalid]webhook.headers"],
                "{headers}"
            );
        }
        let mut input = valid();
        input["headers"] = serde_json::json!({"X-Api-Key": "secret", "Authorization": "Bearer x"});
        assert!(codes(input, WebhookFacts::default()).is_empty());
    }

    #[test]
    fn timeouts_are_required_and_positive() {
        let c = codes(
            serde_json::json!({"url": "http://a"}),
            WebhookFacts::default(),
        );
        assert!(c.contains(&"[missing]webhook.connectTimeout".to_string()));
        assert!(c.contains(&"[missing]webhook.readTimeout".to_string()));
        let c = codes(
            serde_json::json!({"url": "http://a", "connectTimeout": 0, "readTimeout": -1}),
            WebhookFacts::default(),
        );
        assert!(c.contains(&"[tooSmall]webhook.connectTimeout".to_string()));
        assert!(c.contains(&"[tooSmall]webhook.readTimeout".to_string()));
    }

    fn hook(user_action_ids: Vec<Uuid>, global: bool, tenant_ids: Vec<Uuid>) -> Webhook {
        Webhook {
            id: Uuid::new_v4(),
            spec: WebhookSpec {
                events_enabled: [(USER_ACTION.to_string(), true)].into(),
                global,
                tenant_ids,
                user_action_ids,
                ..WebhookSpec::default()
            },
            secret: String::new(),
            insert_instant: 0,
            last_update_instant: 0,
        }
    }

    #[test]
    fn receives_by_tenant_and_definition() {
        let (t1, t2, a1, a2) = (
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        );
        assert!(hook(vec![], true, vec![]).receives(t1, a1));
        assert!(hook(vec![], false, vec![t1]).receives(t1, a1));
        assert!(!hook(vec![], false, vec![t1]).receives(t2, a1));
        assert!(hook(vec![a1], true, vec![]).receives(t1, a1));
        assert!(!hook(vec![a1], true, vec![]).receives(t1, a2));
        let mut off = hook(vec![], true, vec![]);
        off.spec.events_enabled.insert(USER_ACTION.into(), false);
        assert!(!off.receives(t1, a1));
    }

    #[test]
    fn forgetting_the_last_definition_turns_user_action_off() {
        let (a1, a2) = (Uuid::new_v4(), Uuid::new_v4());
        let mut h = hook(vec![a1, a2], true, vec![]);
        assert!(h.forget_user_action(a1));
        assert!(h.spec.events_enabled[USER_ACTION]);
        assert!(!h.forget_user_action(a1));
        assert!(h.forget_user_action(a2));
        assert!(!h.spec.events_enabled[USER_ACTION]);
    }
}
