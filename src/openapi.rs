//! The OpenAPI 3 document of the JSON API, produced from the route declarations in
//! `crate::api` (each registration documents its operation) and the wire types' schemas.
//! Here: the document's frame (info, tags, security scheme) and the pieces operations share.
//!
//! Input types keep their properties optional in Rust, so that the services report every missing
//! one FusionAuth-style; their schema attributes say what the services refuse to go without
//! (required, not blank, lengths, formats), so that a client generated from the document sends
//! what is accepted.

use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::{RequestBody, RequestBodyBuilder};
use utoipa::openapi::schema::{
    AdditionalProperties, AllOfBuilder, AnyOfBuilder, ArrayBuilder, ArrayItems, SchemaType,
};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{
    Content, ContentBuilder, KnownFormat, ObjectBuilder, RefOr, Required, Response,
    ResponseBuilder, Schema, SchemaFormat, Type,
};
use utoipa::{OpenApi, ToSchema};

use crate::domain::email_template::MAX_SUBJECT;
use crate::domain::locale::{MAX_TAG, TAG_PATTERN};
use crate::domain::paging;
use crate::domain::text::MAX_NAME;
use crate::domain::webhook::{http_url_pattern, MAX_URL};

/// The name of the API key security scheme: header `Authorization`, the raw key.
pub const SECURITY_SCHEME: &str = "apiKey";

/// A definition's legacy `transactionType`; it has no effect.
#[derive(ToSchema)]
pub enum TransactionType {
    None,
    Any,
    SimpleMajority,
    SuperMajority,
    AbsoluteMajority,
}

/// `security` of a tenant's email configuration.
#[derive(ToSchema)]
pub enum EmailSecurity {
    #[schema(rename = "NONE")]
    None,
    #[schema(rename = "SSL")]
    Ssl,
    #[schema(rename = "TLS")]
    Tls,
}

/// `orderBy` of an instance search: a field, optionally followed by ` ASC` or ` DESC`
/// (default direction `ASC`; default order `insertInstant DESC`).
#[derive(ToSchema)]
pub enum SearchOrderBy {
    #[schema(rename = "insertInstant")]
    InsertInstant,
    #[schema(rename = "insertInstant ASC")]
    InsertInstantAsc,
    #[schema(rename = "insertInstant DESC")]
    InsertInstantDesc,
    #[schema(rename = "expiry")]
    Expiry,
    #[schema(rename = "expiry ASC")]
    ExpiryAsc,
    #[schema(rename = "expiry DESC")]
    ExpiryDesc,
    #[schema(rename = "name")]
    Name,
    #[schema(rename = "name ASC")]
    NameAsc,
    #[schema(rename = "name DESC")]
    NameDesc,
}

/// `orderBy` of a webhook event log search: `insertInstant`, optionally followed by ` ASC`
/// (the default direction) or ` DESC`; the default order is `insertInstant DESC`.
#[derive(ToSchema)]
pub enum EventLogOrderBy {
    #[schema(rename = "insertInstant")]
    InsertInstant,
    #[schema(rename = "insertInstant ASC")]
    InsertInstantAsc,
    #[schema(rename = "insertInstant DESC")]
    InsertInstantDesc,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum JsonPatchOp {
    Add,
    Remove,
    Replace,
    Move,
    Copy,
    Test,
}

/// One RFC 6902 operation; paths address the wrapped document (e.g. `/userAction/name`).
#[derive(ToSchema)]
pub struct JsonPatchOperation {
    pub op: JsonPatchOp,
    pub path: String,
    #[schema(value_type = Option<Value>)]
    pub value: Option<serde_json::Value>,
    pub from: Option<String>,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Actioneer API",
        description = "FusionAuth-compatible User Actions, Actioning Users and Reasons APIs, \
            with the supporting tenant, application, user, API key and login APIs."
    ),
    tags(
        (name = "User Actions", description = "Action definitions."),
        (name = "User Action Reasons", description = "Reasons an action is taken."),
        (name = "Actioning Users", description = "Instances: apply, modify, cancel, list, search."),
        (name = "Tenants", description = "Tenants and their settings."),
        (name = "Applications", description = "Applications an instance may name."),
        (name = "Users", description = "The users actions are taken on."),
        (name = "API Keys", description = "Keys for this API, global or for one tenant."),
        (name = "Email Templates", description = "Fluent email templates."),
        (name = "Webhooks", description = "Webhooks, their event log and replay."),
        (name = "Keys", description = "HMAC signing keys for webhook signatures."),
        (name = "Login", description = "Password login, refused while an action prevents it."),
        (name = "System", description = "Status and this document."),
    )
)]
struct ApiDoc;

/// The whole document: every declared route's operation and the schemas they name.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let (paths, schemas) =
        crate::api::declare(crate::api::route::Api::documenting()).into_document();
    doc.paths = paths;
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in schemas {
        components.schemas.entry(name).or_insert(schema);
    }
    // Rules across properties, which a struct's derived schema cannot say.
    let across: [(&str, Rules); 3] = [
        ("UserInput", |user| {
            with_one_of_required(user, &["email", "username"])
        }),
        ("UserActionInput", with_definition_rules),
        ("FailedAuthenticationConfigurationInput", with_lockout_rule),
    ];
    for (name, rules) in across {
        if let Some(schema) = components.schemas.remove(name) {
            components.schemas.insert(name.into(), rules(schema));
        }
    }
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            for parameter in operation.parameters.iter_mut().flatten() {
                parameter.schema.iter_mut().for_each(spell_uuids);
            }
            for content in operation
                .request_body
                .iter_mut()
                .flat_map(|b| b.content.values_mut())
            {
                content.schema.iter_mut().for_each(spell_uuids);
            }
        }
    }
    let components = doc.components.get_or_insert_with(Default::default);
    components.schemas.values_mut().for_each(spell_uuids);
    components.add_security_scheme(
        SECURITY_SCHEME,
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "Authorization",
            "The raw API key, without `Bearer` or `Basic`.",
        ))),
    );
    doc
}

/// What adds a schema's rules across its properties.
type Rules = fn(RefOr<Schema>) -> RefOr<Schema>;

/// Text with a character other than white space (the services trim, and blank is missing).
pub const NOT_BLANK: &str = r"\S";

fn nullable(t: Type) -> SchemaType {
    SchemaType::from_iter([t, Type::Null])
}

/// A localized map: locale tags to values that are not blank and at most `max` characters.
fn localized(max: Option<usize>) -> Schema {
    localized_matching(max, NOT_BLANK)
}

/// `localized`, each value matching `pattern`.
fn localized_matching(max: Option<usize>, pattern: &str) -> Schema {
    ObjectBuilder::new()
        .schema_type(nullable(Type::Object))
        .description(Some(
            "Locale tag (e.g. `de`, `pt_BR`, `zh-Hant-TW`) → value; two tags may not name the \
             same locale (`pt-BR`, `pt_br`).",
        ))
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(MAX_TAG))
                .pattern(Some(TAG_PATTERN)),
        ))
        .additional_properties(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(max)
                .pattern(Some(pattern)),
        ))
        .into()
}

/// `localizedNames`, `localizedTexts`, `localizedFromNames`: values of at most 191 characters.
pub fn localized_names() -> Schema {
    localized(Some(MAX_NAME))
}

/// `localizedFromNames`: values go into the From header, so they have no control characters.
pub fn localized_from_names() -> Schema {
    localized_matching(
        Some(MAX_NAME),
        r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
    )
}

/// `localizedSubjects`: values of at most 998 characters.
pub fn localized_subjects() -> Schema {
    localized(Some(MAX_SUBJECT))
}

/// `localizedHtmlTemplates`, `localizedTextTemplates`: values are Fluent patterns.
pub fn localized_templates() -> Schema {
    localized(None)
}

/// `preferredLanguages`: locale tags.
pub fn locale_tags() -> Schema {
    ArrayBuilder::new()
        .schema_type(nullable(Type::Array))
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(MAX_TAG))
                .pattern(Some(TAG_PATTERN)),
        )
        .into()
}

/// An escalation ladder's steps: one to `MAX_STEPS` positive numbers of milliseconds.
pub fn escalation_durations() -> Schema {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(1.0)),
        )
        .min_items(Some(1))
        .max_items(Some(crate::domain::lifecycle::MAX_STEPS))
        .description(Some("Milliseconds, one per step."))
        .into()
}

/// A webhook's `url`: what `is_http_url` accepts, at most `MAX_URL` characters.
pub fn webhook_url() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::Custom("uri".into())))
        .max_length(Some(MAX_URL))
        .pattern(Some(http_url_pattern()))
        .description(Some("An absolute `http` or `https` URL with a host."))
        .into()
}

/// A webhook's `headers`: HTTP header names (tokens) to values without line breaks.
pub fn webhook_headers() -> Schema {
    ObjectBuilder::new()
        .schema_type(nullable(Type::Object))
        .description(Some(
            "Header name → value. Names Actioneer sets itself (`Content-Type`, \
             `Content-Length`, `Host`, `X-FusionAuth-Signature-JWT`, `webhook-*`) are refused.",
        ))
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")),
        ))
        .additional_properties(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^[^\r\n\x00]*$")),
        ))
        .into()
}

/// An object that must be empty (or `null`): FusionAuth's, with nothing in it Actioneer supports.
pub fn empty_object() -> Schema {
    ObjectBuilder::new()
        .schema_type(nullable(Type::Object))
        .max_properties(Some(0))
        .description(Some("Not supported: only `{}` or `null` is accepted."))
        .into()
}

/// A property whose every value but `null` is refused (a FusionAuth feature not supported).
pub fn refused() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Null)
        .description(Some("Not supported: any value but `null` is refused."))
        .into()
}

/// An IANA time zone name, as the services know them.
pub fn time_zone() -> Schema {
    ObjectBuilder::new()
        .schema_type(nullable(Type::String))
        .enum_values(Some(
            chrono_tz::TZ_VARIANTS
                .iter()
                .map(|tz| Some(tz.name()))
                .chain([None]),
        ))
        .description(Some("An IANA time zone, e.g. `Europe/Berlin`."))
        .into()
}

/// `schema` with the rule that at least one of `properties` is given as text that is not blank.
pub fn with_one_of_required(schema: RefOr<Schema>, properties: &[&str]) -> RefOr<Schema> {
    let mut any = AnyOfBuilder::new();
    for property in properties {
        any = any.item(
            ObjectBuilder::new().required(*property).property(
                *property,
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(NOT_BLANK)),
            ),
        );
    }
    AllOfBuilder::new().item(schema).item(any).into()
}

/// `true`, the only value.
fn only_true() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Boolean)
        .enum_values(Some([true]))
}

/// `false`, `null`, or left out (when it is a property).
fn not_true() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(nullable(Type::Boolean))
        .enum_values(Some([
            serde_json::Value::Bool(false),
            serde_json::Value::Null,
        ]))
}

/// An empty list, `null`, or left out (when it is a property).
fn no_items() -> ArrayBuilder {
    ArrayBuilder::new()
        .schema_type(nullable(Type::Array))
        .max_items(Some(0))
}

fn null() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::Null)
}

/// A definition's rules across its properties, as the services check them: only a temporal
/// definition prevents login, reminds or escalates, and only an instantaneous one has options;
/// only a penalty escalates (the document asks for `kind: penalty` where the services would also
/// take the kind a definition that prevents login gets by default); emailing the user or putting
/// the email in the event needs a start email template.
pub fn with_definition_rules(schema: RefOr<Schema>) -> RefOr<Schema> {
    let temporal = ObjectBuilder::new()
        .required("temporal")
        .property("temporal", only_true())
        .property("options", no_items());
    let instantaneous = ObjectBuilder::new()
        .property("temporal", not_true())
        .property("preventLogin", not_true())
        .property("reminders", no_items())
        .property("escalation", null());
    let penalty = ObjectBuilder::new().required("kind").property(
        "kind",
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["penalty"])),
    );
    let no_email = ObjectBuilder::new()
        .property("userEmailingEnabled", not_true())
        .property("includeEmailInEventJSON", not_true());
    let start_template = ObjectBuilder::new()
        .required("startEmailTemplateId")
        .property(
            "startEmailTemplateId",
            string_schema(Some(KnownFormat::Uuid)),
        );
    with_rules(
        schema,
        [
            AnyOfBuilder::new().item(temporal).item(instantaneous),
            AnyOfBuilder::new()
                .item(ObjectBuilder::new().property("escalation", null()))
                .item(penalty),
            AnyOfBuilder::new().item(no_email).item(start_template),
        ],
    )
}

/// `schema` and every one of `rules`: one `allOf`, the schema's own members first.
fn with_rules(
    schema: RefOr<Schema>,
    rules: impl IntoIterator<Item = AnyOfBuilder>,
) -> RefOr<Schema> {
    let mut all = match schema {
        RefOr::T(Schema::AllOf(all)) => all,
        other => AllOfBuilder::new().item(other).build(),
    };
    all.items
        .extend(rules.into_iter().map(|rule| RefOr::T(rule.into())));
    RefOr::T(Schema::AllOf(all))
}

/// A tenant's lockout: with a `userActionId`, `actionDurationUnit` may be left out (the default
/// applies) but not `null`.
pub fn with_lockout_rule(schema: RefOr<Schema>) -> RefOr<Schema> {
    let unit = RefOr::Ref(utoipa::openapi::Ref::from_schema_name("ExpiryUnit"));
    with_rules(
        schema,
        [AnyOfBuilder::new()
            .item(ObjectBuilder::new().property("userActionId", null()))
            .item(ObjectBuilder::new().property("actionDurationUnit", unit))],
    )
}

/// A UUID as the services write it, 8-4-4-4-12 hex digits in any letter case. They read other
/// forms too (simple, braced, URN), but not an empty string, which `format` alone lets through.
pub const UUID_PATTERN: &str =
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

/// Gives every `format: uuid` string in `schema` the pattern of a UUID.
fn spell_uuids(schema: &mut RefOr<Schema>) {
    let RefOr::T(schema) = schema else { return };
    spell_uuids_in(schema);
}

fn spell_uuids_in(schema: &mut Schema) {
    match schema {
        Schema::Object(object) => {
            if object.format == Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)) {
                object
                    .pattern
                    .get_or_insert_with(|| UUID_PATTERN.to_string());
            }
            object.properties.values_mut().for_each(spell_uuids);
            if let Some(AdditionalProperties::RefOr(values)) =
                object.additional_properties.as_deref_mut()
            {
                spell_uuids(values);
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                spell_uuids(items);
            }
        }
        Schema::OneOf(one) => one.items.iter_mut().for_each(spell_uuids),
        Schema::AllOf(all) => all.items.iter_mut().for_each(spell_uuids),
        Schema::AnyOf(any) => any.items.iter_mut().for_each(spell_uuids),
        _ => {}
    }
}

pub fn any_object() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::Object).into()
}

pub fn string_schema(format: Option<KnownFormat>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(format.map(SchemaFormat::KnownFormat))
        .into()
}

fn not_blank() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .pattern(Some(NOT_BLANK))
        .into()
}

fn bool_schema() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::Boolean).into()
}

pub fn param(
    name: &str,
    location: ParameterIn,
    required: bool,
    schema: RefOr<Schema>,
    description: &str,
) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(location)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .schema(Some(schema))
        .description(Some(description))
        .build()
}

/// `X-FusionAuth-TenantId`, on tenant-aware operations.
pub fn tenant_header() -> Parameter {
    param(
        "X-FusionAuth-TenantId",
        ParameterIn::Header,
        false,
        // An empty value counts as absent too; a client has no reason to send one.
        string_schema(Some(KnownFormat::Uuid)),
        "A tenant id, of an existing tenant. With a global API key: the request tenant; naming \
         no tenant: 400 `[invalid]tenantId`. With a tenant-scoped key: must be the key's tenant, \
         else 401.",
    )
}

fn flag(name: &str, description: &str) -> Parameter {
    param(name, ParameterIn::Query, false, bool_schema(), description)
}

/// `inactive`.
pub fn inactive() -> Vec<Parameter> {
    vec![flag(
        "inactive",
        "`true`: list the inactive objects instead of the active ones.",
    )]
}

/// `reactivate`.
pub fn reactivate() -> Vec<Parameter> {
    vec![flag(
        "reactivate",
        "`true`: reactivate the object; the body is ignored.",
    )]
}

/// `hardDelete`.
pub fn hard_delete() -> Vec<Parameter> {
    vec![flag(
        "hardDelete",
        "`true`: delete permanently instead of deactivating.",
    )]
}

/// A user's instances: `userId`, `active`, `preventingLogin`.
pub fn actioning() -> Vec<Parameter> {
    vec![
        param(
            "userId",
            ParameterIn::Query,
            true,
            string_schema(Some(KnownFormat::Uuid)),
            "The actionee. Without it: 400 `[missing]actionId`; naming no user: 400 \
             `[invalid]userId`.",
        ),
        flag(
            "active",
            "`true`: only current instances; `false`: all the others; absent: all.",
        ),
        flag(
            "preventingLogin",
            "`true`: only current instances whose definition prevents login (wins over \
             `active`).",
        ),
    ]
}

/// `email`, `username`.
pub fn user_lookup() -> Vec<Parameter> {
    vec![
        param(
            "email",
            ParameterIn::Query,
            false,
            not_blank(),
            "Case-insensitive email address; wins over `username`. Without either: 400 \
             `[missing]userId`.",
        ),
        param(
            "username",
            ParameterIn::Query,
            false,
            not_blank(),
            "Case-insensitive username.",
        ),
    ]
}

fn json_content(schema: RefOr<Schema>) -> Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

pub fn empty(description: &str) -> Response {
    ResponseBuilder::new().description(description).build()
}

pub fn json_response(description: &str, schema: RefOr<Schema>) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", json_content(schema))
        .build()
}

pub fn json_body(schema: RefOr<Schema>, required: bool) -> RequestBody {
    RequestBodyBuilder::new()
        .required(Some(if required {
            Required::True
        } else {
            Required::False
        }))
        .content("application/json", json_content(schema))
        .build()
}

/// `application/json` and merge patch with `schema`, or a JSON Patch of `operation`s.
pub fn patch_body(schema: RefOr<Schema>, operation: RefOr<Schema>) -> RequestBody {
    RequestBodyBuilder::new()
        .description(Some(
            "`application/json`: merged into the stored object (arrays are appended, `null` \
             removes); `application/merge-patch+json`: RFC 7396; \
             `application/json-patch+json`: RFC 6902 on the wrapped document.",
        ))
        .required(Some(Required::True))
        .content("application/json", json_content(schema.clone()))
        .content("application/merge-patch+json", json_content(schema))
        .content(
            "application/json-patch+json",
            json_content(ArrayBuilder::new().items(operation).into()),
        )
        .build()
}

pub fn event_log_search() -> Vec<Parameter> {
    let int = |minimum: Option<f64>, maximum: Option<f64>| -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(minimum)
            .maximum(maximum)
            .into()
    };
    let one_of = |values: &[&str]| -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(values.iter().copied()))
            .into()
    };
    let q = |name: &str, schema: RefOr<Schema>, description: &str| {
        param(name, ParameterIn::Query, false, schema, description)
    };
    vec![
        q(
            "start",
            int(None, None),
            "`insertInstant` at or after this instant.",
        ),
        q(
            "end",
            int(None, None),
            "`insertInstant` at or before this instant; not before `start`.",
        ),
        q(
            "event",
            string_schema(None),
            "Text found in the event's JSON (case counts).",
        ),
        q(
            "eventResult",
            one_of(&["Running", "Succeeded", "Failed"]),
            "Events with this result.",
        ),
        q(
            "eventType",
            string_schema(None),
            "Events of this type, e.g. `user.action`.",
        ),
        q(
            "webhookId",
            string_schema(Some(KnownFormat::Uuid)),
            "Actioneer's: events sent to this webhook.",
        ),
        q(
            "linkedObjectId",
            string_schema(Some(KnownFormat::Uuid)),
            "Actioneer's: events of this instance.",
        ),
        q(
            "startRow",
            int(Some(0.0), None),
            "Events to skip; default 0.",
        ),
        q(
            "numberOfResults",
            int(Some(1.0), Some(paging::MAX_RESULTS as f64)),
            "Page size; default 25.",
        ),
        q(
            "orderBy",
            one_of(&["insertInstant DESC", "insertInstant ASC"]),
            "Default `insertInstant DESC`.",
        ),
        q(
            "accurateTotal",
            bool_schema(),
            "Actioneer's: `true` counts every match, however many.",
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use actix_web::{test as web_test, App};
    use serde_json::Value;

    use super::*;
    use crate::domain::email_template::MAX_SUBJECT;
    use crate::domain::text::MAX_NAME;

    const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    fn doc() -> Value {
        serde_json::to_value(document()).unwrap()
    }

    /// `/api/user-action/{userActionId}` → `/api/user-action/{}`.
    fn shape(path: &str) -> String {
        let mut out = String::new();
        let mut in_param = false;
        for c in path.chars() {
            match c {
                '{' => {
                    in_param = true;
                    out.push_str("{}");
                }
                '}' => in_param = false,
                _ if !in_param => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn is_openapi_3_with_security_and_resolvable_refs() {
        let doc = doc();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert_eq!(
            doc["components"]["securitySchemes"][SECURITY_SCHEME],
            serde_json::json!({"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "The raw API key, without `Bearer` or `Basic`."})
        );
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|v| refs(v, out));
                }
                Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(&doc, &mut all);
        for r in all {
            let name = r.strip_prefix("#/components/schemas/").unwrap();
            assert!(schemas.contains_key(name), "unresolved {r}");
        }
        let mut ids = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                assert!(ids.insert(op["operationId"].as_str().unwrap().to_string()));
                let secured = op.get("security").is_some();
                let open = path == "/api/status" || path == "/api/openapi.json";
                assert_eq!(secured, !open, "{method} {path}");
                assert_eq!(op["responses"].get("401").is_some(), secured);
                if let Some(bad) = op["responses"].get("400") {
                    assert_eq!(
                        bad["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/FieldErrors"
                    );
                }
            }
        }
    }

    /// Every property the services refuse to go without is in the document, and required there.
    #[test]
    fn documents_the_required_input_properties() {
        let doc = doc();
        // A type with flattened extensions is an `allOf`; its own properties are one member.
        let declaring = |schema: &str, property: &str| {
            let s = &doc["components"]["schemas"][schema];
            match s["allOf"].as_array() {
                Some(all) => all
                    .iter()
                    .find(|m| m["properties"].get(property).is_some())
                    .cloned()
                    .unwrap_or_default(),
                None => s.clone(),
            }
        };
        // (schema, property, the longest text the services accept, if they limit it)
        let refused_unless: &[(&str, &str, Option<usize>)] = &[
            ("UserActionInput", "name", Some(MAX_NAME)),
            ("ActionOption", "name", Some(MAX_NAME)),
            ("ReasonInput", "code", Some(MAX_NAME)),
            ("ReasonInput", "text", Some(MAX_NAME)),
            ("TenantInput", "name", Some(MAX_NAME)),
            ("ApplicationInput", "name", Some(MAX_NAME)),
            ("EmailTemplateInput", "name", Some(MAX_NAME)),
            ("EmailTemplateInput", "defaultSubject", Some(MAX_SUBJECT)),
            ("KeyInput", "name", Some(MAX_NAME)),
            ("KeyInput", "algorithm", None),
            ("WebhookInput", "url", None),
            ("LoginRequest", "loginId", None),
            ("LoginRequest", "password", None),
            ("ActionData", "userActionId", None),
            ("ActionData", "actioneeUserId", None),
            ("ActionData", "actionerUserId", None),
            ("EmailTemplateInput", "defaultHtmlTemplate", None),
            ("EmailTemplateInput", "defaultTextTemplate", None),
            ("WebhookInput", "connectTimeout", None),
            ("WebhookInput", "readTimeout", None),
        ];
        for (schema, property, max) in refused_unless {
            let object = &declaring(schema, property);
            let field = &object["properties"][property];
            assert!(
                field.is_object(),
                "{schema}.{property} is not in the document"
            );
            let required = object["required"].as_array().unwrap();
            assert!(
                required.iter().any(|r| r == property),
                "{schema}.{property}"
            );
            // Required means present and not null.
            assert!(field["type"].is_string(), "{schema}.{property}: {field}");
            if let Some(max) = max {
                assert_eq!(field["minLength"], 1, "{schema}.{property}");
                assert_eq!(field["maxLength"], *max, "{schema}.{property}");
            }
        }
        let algorithm = &declaring("KeyInput", "algorithm")["properties"]["algorithm"];
        assert_eq!(
            algorithm["enum"],
            serde_json::json!(["HS256", "HS384", "HS512"])
        );
        let url = &declaring("WebhookInput", "url")["properties"]["url"];
        assert_eq!(url["format"], "uri");
    }

    /// The locale tags of both localized resources are documented with the limit the services
    /// enforce.
    #[test]
    fn locale_tags_have_the_enforced_length() {
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        for (schema, property) in [
            ("ReasonInput", "localizedTexts"),
            ("UserActionInput", "localizedNames"),
        ] {
            let s = &schemas[schema];
            // A schema may be an `allOf` of parts; one declares the property.
            let parts = s["allOf"]
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![s.clone()]);
            let declared = parts.iter().find_map(|p| p["properties"].get(property));
            let tags = &declared.unwrap_or_else(|| panic!("{schema}.{property}"))["propertyNames"];
            assert_eq!(tags["maxLength"], MAX_TAG, "{schema}.{property}: {tags}");
        }
    }

    /// The page limits in the document are the ones the searches enforce.
    #[test]
    fn documents_the_extensions_on_instances_and_user_requests() {
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        let version = |schema: &str| {
            let s = &schemas[schema];
            let members = s["allOf"]
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![s.clone()]);
            members
                .iter()
                .any(|m| m["properties"].get("version").is_some())
        };
        assert!(version("UserActionLog"), "{}", schemas["UserActionLog"]);
        assert!(version("ActionData"), "{}", schemas["ActionData"]);
        let user_request = schemas["UserRequest"]["description"]
            .as_str()
            .unwrap_or_default();
        assert!(
            user_request.contains("sendSetPasswordEmail"),
            "{user_request}"
        );
        let conflict = &doc["paths"]["/api/user/action/{actionId}"]["put"]["responses"]["409"];
        assert!(conflict["description"]
            .as_str()
            .unwrap()
            .contains("StaleVersion"));
    }

    /// Every value a documented pattern allows is one the services accept.
    #[test]
    fn documented_patterns_allow_only_accepted_values() {
        use crate::domain::user::has_control_characters;
        use crate::domain::webhook::is_http_url;
        use proptest::test_runner::TestRunner;
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        let pattern = |schema: &str, property: &str| {
            let p = schemas[schema]["properties"][property]["pattern"]
                .as_str()
                .unwrap_or_else(|| panic!("{schema}.{property} has no pattern"));
            // proptest generates whole strings and takes no anchors.
            p.strip_prefix('^')
                .unwrap()
                .strip_suffix('$')
                .unwrap()
                .to_string()
        };
        let accepts = |regex: String, accepted: fn(&str) -> bool| {
            let strategy = proptest::string::string_regex(&regex).unwrap();
            TestRunner::default()
                .run(&strategy, |value| {
                    proptest::prop_assert!(accepted(&value), "{value:?}");
                    Ok(())
                })
                .unwrap();
        };
        accepts(pattern("WebhookInput", "url"), is_http_url);
        let uuid = UUID_PATTERN
            .strip_prefix('^')
            .unwrap()
            .strip_suffix('$')
            .unwrap();
        accepts(uuid.to_string(), |v| uuid::Uuid::parse_str(v).is_ok());
        let user = schemas["UserInput"]["allOf"][0].clone();
        let names = user["properties"]["username"]["pattern"].as_str().unwrap();
        let names = names.strip_prefix('^').unwrap().strip_suffix('$').unwrap();
        accepts(names.to_string(), |v| !has_control_characters(v));
        let from = &schemas["EmailTemplateInput"]["properties"]["localizedFromNames"];
        let from = from["additionalProperties"]["pattern"].as_str().unwrap();
        let from = from.strip_prefix('^').unwrap().strip_suffix('$').unwrap();
        accepts(from.to_string(), |v| {
            !has_control_characters(v) && !v.trim().is_empty()
        });
    }

    /// A user needs an email or a username; a refused operation documents no success.
    #[test]
    fn documents_rules_across_properties_and_refused_operations() {
        let doc = doc();
        let user = &doc["components"]["schemas"]["UserInput"];
        let either: Vec<&Value> = user["allOf"][1]["anyOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|branch| &branch["required"][0])
            .collect();
        assert_eq!(either, ["email", "username"]);
        let refused = &doc["paths"]["/api/user-action"]["put"]["responses"];
        assert!(refused.get("200").is_none(), "{refused}");
        assert!(refused.get("400").is_some());
        let header = doc["paths"]["/api/application/{applicationId}"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "X-FusionAuth-TenantId")
            .cloned()
            .unwrap();
        assert_eq!(header["schema"]["format"], "uuid");
        // Every UUID, in parameters, bodies and components, is spelled out.
        fn uuids_spelled(v: &Value) {
            match v {
                Value::Object(m) => {
                    if m.get("format") == Some(&Value::from("uuid")) {
                        assert_eq!(m["pattern"], UUID_PATTERN, "{v}");
                    }
                    m.values().for_each(uuids_spelled);
                }
                Value::Array(a) => a.iter().for_each(uuids_spelled),
                _ => {}
            }
        }
        uuids_spelled(&doc);
    }

    /// An update without `reactivate=true` needs its body: a client that leaves it out gets 400.
    #[test]
    fn update_bodies_are_required() {
        let doc = doc();
        for path in [
            "/api/user-action/{userActionId}",
            "/api/user/{userId}",
            "/api/application/{applicationId}",
        ] {
            let body = &doc["paths"][path]["put"]["requestBody"];
            assert_eq!(body["required"], true, "PUT {path}: {body}");
        }
    }

    /// A reminder is some time before expiry, and a definition has at most `MAX_REMINDERS`.
    #[test]
    fn documents_the_reminder_limits() {
        use crate::domain::lifecycle::MAX_REMINDERS;
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        let reminder = &schemas["UserActionReminder"]["properties"]["beforeExpiry"];
        assert_eq!(reminder["minimum"], 1, "{reminder}");
        let reminders = &schemas["UserActionInputExtensions"]["properties"]["reminders"];
        assert_eq!(reminders["maxItems"], MAX_REMINDERS, "{reminders}");
    }

    #[test]
    fn documents_the_enforced_page_limits() {
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        let instances = &schemas["UserActionLogSearchRequest"]["properties"]["numberOfResults"];
        assert_eq!(instances["maximum"], paging::MAX_RESULTS);
        let events = &schemas["WebhookEventLogSearchCriteria"]["properties"]["numberOfResults"];
        assert_eq!(events["maximum"], paging::MAX_RESULTS);
        for schema in [instances, events] {
            assert_eq!(schema["minimum"], 1);
        }
    }

    /// Serving routes builds no documentation: each worker registers them, and the document
    /// (about 6 MB of start-up heap per worker when it was built there) is made only on request.
    #[test]
    fn routing_alone_builds_no_document() {
        let (paths, schemas) =
            crate::api::declare(crate::api::route::Api::routing()).into_document();
        assert!(paths.paths.is_empty());
        assert!(schemas.is_empty());
        let (paths, schemas) =
            crate::api::declare(crate::api::route::Api::documenting()).into_document();
        assert!(paths.paths.len() > 20);
        assert!(!schemas.is_empty());
    }

    /// The router answers 405 for exactly the methods the document leaves out.
    #[actix_web::test]
    async fn documents_exactly_the_routed_methods() {
        let app = web_test::init_service(App::new().configure(crate::api::routes)).await;
        let mut documented: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (path, item) in doc()["paths"].as_object().unwrap() {
            let methods = item
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| METHODS.contains(&k.to_uppercase().as_str()))
                .map(|k| k.to_uppercase())
                .collect();
            documented.insert(path.clone(), methods);
        }
        for (path, methods) in &documented {
            let uri = shape(path).replace("{}", "3f0c8a4e-5b1d-4c2e-9f6a-7d8e9f0a1b2c");
            for method in METHODS {
                let req = web_test::TestRequest::default()
                    .method(method.parse().unwrap())
                    .uri(&uri)
                    .to_request();
                let status = web_test::call_service(&app, req).await.status().as_u16();
                assert_ne!(status, 404, "{method} {uri}: not routed");
                assert_eq!(
                    status == 405,
                    !methods.contains(method),
                    "{method} {uri} answered {status}; documented: {methods:?}"
                );
            }
        }
    }
}
