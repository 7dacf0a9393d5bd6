//! The OpenAPI 3 document of the JSON API, built from the wire types.
//!
//! Schemas come from `#[derive(utoipa::ToSchema)]` on the wire structs in `crate::api` and the
//! input structs in `crate::domain`; the request/response wrappers (`{"userAction": {…}}`) are
//! declared here. Operations are built with utoipa's builder API from [`OPERATIONS`], one entry
//! per route registered by the `routes` functions in `crate::api`.

use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, Parameter, ParameterBuilder, ParameterIn,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    Content, ContentBuilder, KnownFormat, ObjectBuilder, Ref, RefOr, Required, Response,
    ResponseBuilder, Schema, SchemaFormat, Type,
};
use utoipa::{OpenApi, ToSchema};

use crate::api::actioning::{InstanceWire, SearchRequest, SearchResponse};
use crate::api::api_keys::{ApiKeyInput, ApiKeyWire};
use crate::api::applications::ApplicationWire;
use crate::api::email_templates::{EmailTemplateWire, PreviewResponse};
use crate::api::keys::KeyWire;
use crate::api::login::{LoginInput, LoginResponse};
use crate::api::reasons::ReasonWire;
use crate::api::tenants::TenantWire;
use crate::api::user_actions::UserActionWire;
use crate::api::users::UserWire;
use crate::api::webhooks::WebhookWire;
use crate::domain::application::ApplicationInput;
use crate::domain::email_template::EmailTemplateInput;
use crate::domain::errors::FieldErrors;
use crate::domain::instance::ActionInput;
use crate::domain::reason::ReasonInput;
use crate::domain::signing_key::KeyInput;
use crate::domain::tenant::TenantInput;
use crate::domain::user::UserInput;
use crate::domain::user_action::UserActionInput;
use crate::domain::webhook::WebhookInput;
use crate::service::login::PreventingAction;

/// The name of the API key security scheme: header `Authorization`, the raw key.
pub const SECURITY_SCHEME: &str = "apiKey";

// ---------------------------------------------------------------------------------------------
// Enumerations that are plain strings in the Rust types.

/// A definition's legacy `transactionType`; it has no effect.
#[derive(ToSchema)]
pub enum TransactionType {
    None,
    Any,
    SimpleMajority,
    SuperMajority,
    AbsoluteMajority,
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

/// `GET /api/status`: `ok` (200) or `unavailable` (503), the database and each loop; declared
/// beside its handler, which serialises the same type.
pub use crate::api::status::{Availability, LoopReport, StatusResponse};

// ---------------------------------------------------------------------------------------------
// Request wrappers.

/// `POST`/`PUT /api/user-action[/{userActionId}]`.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionRequest {
    pub user_action: UserActionInput,
}

/// `PATCH /api/user-action/{userActionId}` (`application/json` or merge patch): merged into the
/// stored definition; a missing wrapper changes nothing.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionPatchRequest {
    pub user_action: Option<UserActionInput>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionReasonRequest {
    pub user_action_reason: ReasonInput,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionReasonPatchRequest {
    pub user_action_reason: Option<ReasonInput>,
}

/// An ActionRequest (§7.1): apply (`POST`), modify (`PUT`) or cancel (`DELETE`).
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ActionRequest {
    /// Record the `user.action` webhook event. Default `false`.
    pub broadcast: Option<bool>,
    /// Copied into the event's `info`.
    #[schema(value_type = Option<Object>)]
    pub event_info: Option<serde_json::Value>,
    pub action: ActionInput,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct TenantRequest {
    pub tenant: TenantInput,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct TenantPatchRequest {
    pub tenant: Option<TenantInput>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ApplicationRequest {
    pub application: ApplicationInput,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ApplicationPatchRequest {
    pub application: Option<ApplicationInput>,
}

/// FusionAuth's other top-level flags (`sendSetPasswordEmail`, `skipVerification`, …) are
/// accepted and ignored.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserRequest {
    pub user: UserInput,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserPatchRequest {
    pub user: Option<UserInput>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
#[allow(private_interfaces)]
pub struct ApiKeyRequest {
    pub api_key: ApiKeyInput,
}

/// `POST /api/key/generate[/{keyId}]`.
#[derive(ToSchema)]
pub struct KeyRequest {
    pub key: KeyInput,
}

#[derive(ToSchema)]
pub struct WebhookRequest {
    pub webhook: WebhookInput,
}

#[derive(ToSchema)]
pub struct WebhookPatchRequest {
    pub webhook: Option<WebhookInput>,
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

// ---------------------------------------------------------------------------------------------
// Response wrappers.

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionResponse {
    pub user_action: UserActionWire,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionsResponse {
    pub user_actions: Vec<UserActionWire>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionReasonResponse {
    pub user_action_reason: ReasonWire,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct UserActionReasonsResponse {
    pub user_action_reasons: Vec<ReasonWire>,
}

#[derive(ToSchema)]
pub struct ActionResponse {
    pub action: InstanceWire,
}

#[derive(ToSchema)]
pub struct ActionsResponse {
    pub actions: Vec<InstanceWire>,
}

#[derive(ToSchema)]
pub struct TenantResponse {
    pub tenant: TenantWire,
}

#[derive(ToSchema)]
pub struct TenantsResponse {
    pub tenants: Vec<TenantWire>,
}

#[derive(ToSchema)]
pub struct ApplicationResponse {
    pub application: ApplicationWire,
}

#[derive(ToSchema)]
pub struct ApplicationsResponse {
    pub applications: Vec<ApplicationWire>,
}

#[derive(ToSchema)]
pub struct UserResponse {
    pub user: UserWire,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ApiKeyResponse {
    pub api_key: ApiKeyWire,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ApiKeysResponse {
    pub api_keys: Vec<ApiKeyWire>,
}

/// `secret` is present only in the generate response.
#[derive(ToSchema)]
pub struct KeyResponse {
    pub key: KeyWire,
}

#[derive(ToSchema)]
pub struct KeysResponse {
    pub keys: Vec<KeyWire>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct WebhookAttemptLogResponse {
    pub webhook_attempt_log: crate::api::webhook_event_log::WebhookAttemptLog,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct WebhookEventLogResponse {
    pub webhook_event_log: crate::api::webhook_event_log::WebhookEventLog,
}

#[derive(ToSchema)]
pub struct WebhookResponse {
    pub webhook: WebhookWire,
}

#[derive(ToSchema)]
pub struct WebhooksResponse {
    pub webhooks: Vec<WebhookWire>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct EmailTemplateRequest {
    pub email_template: EmailTemplateInput,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct EmailTemplatePatchRequest {
    pub email_template: Option<EmailTemplateInput>,
}

/// `POST /api/email/template/preview`: an unsaved template, rendered with sample values.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct PreviewRequest {
    pub email_template: EmailTemplateInput,
    /// Selects localized values as if it were the user's only preferred language.
    pub locale: Option<String>,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct EmailTemplateResponse {
    pub email_template: EmailTemplateWire,
}

#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct EmailTemplatesResponse {
    pub email_templates: Vec<EmailTemplateWire>,
}

/// The 409 body of a login prevented by an action (§12.2).
#[derive(ToSchema)]
pub struct LoginPreventedResponse {
    pub actions: Vec<PreventingAction>,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Actioneer API",
        description = "FusionAuth-compatible User Actions, Actioning Users and Reasons APIs, \
            with the supporting tenant, application, user, API key and login APIs."
    ),
    components(schemas(
        FieldErrors,
        WebhookAttemptLogResponse,
        WebhookEventLogResponse,
        crate::api::webhook_event_log::WebhookAttemptLog,
        crate::api::webhook_event_log::WebhookCallResponse,
        crate::api::webhook_event_log::WebhookEventLog,
        crate::api::webhook_event_log::WebhookEventLogSearchCriteria,
        crate::api::webhook_event_log::WebhookEventLogSearchRequest,
        crate::api::webhook_event_log::WebhookEventLogSearchResponse,
        crate::domain::webhook_event_log::EventResult,
        crate::domain::webhook_event_log::AttemptResult,
        StatusResponse,
        Availability,
        LoopReport,
        UserActionRequest,
        UserActionPatchRequest,
        UserActionResponse,
        UserActionsResponse,
        UserActionReasonRequest,
        UserActionReasonPatchRequest,
        UserActionReasonResponse,
        UserActionReasonsResponse,
        ActionRequest,
        ActionResponse,
        ActionsResponse,
        SearchRequest,
        SearchResponse,
        TenantRequest,
        TenantPatchRequest,
        TenantResponse,
        TenantsResponse,
        ApplicationRequest,
        ApplicationPatchRequest,
        ApplicationResponse,
        ApplicationsResponse,
        UserRequest,
        UserPatchRequest,
        UserResponse,
        ApiKeyRequest,
        ApiKeyResponse,
        ApiKeysResponse,
        EmailTemplateRequest,
        EmailTemplatePatchRequest,
        EmailTemplateResponse,
        EmailTemplatesResponse,
        PreviewRequest,
        PreviewResponse,
        KeyRequest,
        KeyResponse,
        KeysResponse,
        WebhookRequest,
        WebhookPatchRequest,
        WebhookResponse,
        WebhooksResponse,
        LoginInput,
        LoginResponse,
        LoginPreventedResponse,
        JsonPatchOperation,
    )),
    tags(
        (name = "User Actions", description = "Action definitions (§5)."),
        (name = "User Action Reasons", description = "Reasons (§6)."),
        (name = "Actioning Users", description = "Instances: apply, modify, cancel, list, search (§7, §14.3)."),
        (name = "Tenants", description = "§13.1"),
        (name = "Applications", description = "§13.2"),
        (name = "Users", description = "§13.3"),
        (name = "API Keys", description = "§13.4"),
        (name = "Email Templates", description = "Fluent email templates (§10, §13.6)."),
        (name = "Webhooks", description = "§9.1, §13.5, §14.4, §14.7"),
        (name = "Keys", description = "HMAC signing keys for webhook signatures (§13.7)."),
        (name = "Login", description = "§12"),
        (name = "System", description = "Status and this document."),
    )
)]
struct ApiDoc;

// ---------------------------------------------------------------------------------------------
// Operations.

/// What a request body looks like.
#[derive(Clone, Copy)]
enum Body {
    None,
    /// JSON, required.
    Json(fn() -> RefOr<Schema>),
    /// JSON, optional (an empty body is allowed).
    OptionalJson(fn() -> RefOr<Schema>),
    /// PATCH: `application/json` and merge patch with this schema, or JSON Patch.
    Patch(fn() -> RefOr<Schema>),
}

/// The success (200) response.
#[derive(Clone, Copy)]
enum Success {
    Json(fn() -> RefOr<Schema>),
    Empty,
}

/// Query parameters, as the handlers read them.
#[derive(Clone, Copy)]
enum Query {
    Inactive,
    Reactivate,
    HardDelete,
    /// `userId` (required), `active`, `preventingLogin`.
    Actioning,
    /// `email`, `username`.
    UserLookup,
    /// The webhook event log's search criteria.
    EventLogSearch,
}

pub struct Op {
    pub method: &'static str,
    /// The path as registered under `/api`, with the path parameter named as in the spec.
    pub path: &'static str,
    operation_id: &'static str,
    summary: &'static str,
    tag: &'static str,
    body: Body,
    query: &'static [Query],
    success: Success,
    /// Documented statuses besides 200 and 401 (every secured operation may answer 401).
    other: &'static [u16],
    /// Tenant-aware: `X-FusionAuth-TenantId` selects the request tenant (§4.2).
    tenant_header: bool,
    /// Needs the API key (everything except status and this document).
    secured: bool,
}

fn r<T: ToSchema>() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(T::name()))
}

macro_rules! op {
    ($method:literal $path:literal $id:literal, $tag:expr, $summary:literal,
     body: $body:expr, query: $query:expr, ok: $ok:expr, other: $other:expr, tenant: $tenant:expr) => {
        Op {
            method: $method,
            path: $path,
            operation_id: $id,
            summary: $summary,
            tag: $tag,
            body: $body,
            query: $query,
            success: $ok,
            other: $other,
            tenant_header: $tenant,
            secured: true,
        }
    };
}

const UA: &str = "User Actions";
const UAR: &str = "User Action Reasons";
const ACT: &str = "Actioning Users";
const ET: &str = "Email Templates";

use Body::{Json, OptionalJson, Patch};
use Success::Empty;

/// Every route registered under `/api` (see the `routes` functions in `crate::api`).
pub const OPERATIONS: &[Op] = &[
    // §5 `/api/user-action`
    op!("POST" "/user-action" "createUserAction", UA, "Create a definition with a random id",
        body: Json(r::<UserActionRequest>), query: &[], ok: Success::Json(r::<UserActionResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/user-action" "retrieveUserAction", UA,
        "List the active definitions (or the inactive ones with `inactive=true`), sorted by name",
        body: Body::None, query: &[Query::Inactive], ok: Success::Json(r::<UserActionsResponse>),
        other: &[400], tenant: false),
    op!("PUT" "/user-action" "updateUserAction", UA, "Always 400 `[missing]userActionId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("PATCH" "/user-action" "patchUserAction", UA, "Always 400 `[missing]userActionId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("DELETE" "/user-action" "deleteUserAction", UA, "Always 400 `[missing]userActionId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("POST" "/user-action/{userActionId}" "createUserActionWithId", UA,
        "Create a definition with the given id",
        body: Json(r::<UserActionRequest>), query: &[], ok: Success::Json(r::<UserActionResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("GET" "/user-action/{userActionId}" "retrieveUserActionWithId", UA,
        "Retrieve a definition, active or inactive",
        body: Body::None, query: &[], ok: Success::Json(r::<UserActionResponse>),
        other: &[400, 404], tenant: false),
    op!("PUT" "/user-action/{userActionId}" "updateUserActionWithId", UA,
        "Update a definition; with `reactivate=true`, reactivate it (the body is ignored)",
        body: OptionalJson(r::<UserActionRequest>), query: &[Query::Reactivate],
        ok: Success::Json(r::<UserActionResponse>), other: &[400, 404, 413], tenant: false),
    op!("PATCH" "/user-action/{userActionId}" "patchUserActionWithId", UA,
        "Partially update a definition",
        body: Patch(r::<UserActionPatchRequest>), query: &[],
        ok: Success::Json(r::<UserActionResponse>), other: &[400, 404, 413], tenant: false),
    op!("DELETE" "/user-action/{userActionId}" "deleteUserActionWithId", UA,
        "Deactivate a definition, or delete it and its instances with `hardDelete=true`; empty body",
        body: Body::None, query: &[Query::HardDelete], ok: Empty, other: &[400, 404], tenant: false),
    // §6 `/api/user-action-reason`
    op!("POST" "/user-action-reason" "createUserActionReason", UAR, "Create a reason with a random id",
        body: Json(r::<UserActionReasonRequest>), query: &[],
        ok: Success::Json(r::<UserActionReasonResponse>), other: &[400, 413], tenant: false),
    op!("GET" "/user-action-reason" "retrieveUserActionReason", UAR, "List the reasons in creation order",
        body: Body::None, query: &[], ok: Success::Json(r::<UserActionReasonsResponse>),
        other: &[], tenant: false),
    op!("PUT" "/user-action-reason" "updateUserActionReason", UAR,
        "Always 400 `[missing]userActionReasonId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("PATCH" "/user-action-reason" "patchUserActionReason", UAR,
        "Always 400 `[missing]userActionReasonId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("DELETE" "/user-action-reason" "deleteUserActionReason", UAR,
        "Always 400 `[missing]userActionId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("POST" "/user-action-reason/{userActionReasonId}" "createUserActionReasonWithId", UAR,
        "Create a reason with the given id",
        body: Json(r::<UserActionReasonRequest>), query: &[],
        ok: Success::Json(r::<UserActionReasonResponse>), other: &[400, 404, 413], tenant: false),
    op!("GET" "/user-action-reason/{userActionReasonId}" "retrieveUserActionReasonWithId", UAR,
        "Retrieve a reason",
        body: Body::None, query: &[], ok: Success::Json(r::<UserActionReasonResponse>),
        other: &[400, 404], tenant: false),
    op!("PUT" "/user-action-reason/{userActionReasonId}" "updateUserActionReasonWithId", UAR,
        "Update a reason",
        body: Json(r::<UserActionReasonRequest>), query: &[],
        ok: Success::Json(r::<UserActionReasonResponse>), other: &[400, 404, 413], tenant: false),
    op!("PATCH" "/user-action-reason/{userActionReasonId}" "patchUserActionReasonWithId", UAR,
        "Partially update a reason",
        body: Patch(r::<UserActionReasonPatchRequest>), query: &[],
        ok: Success::Json(r::<UserActionReasonResponse>), other: &[400, 404, 413], tenant: false),
    op!("DELETE" "/user-action-reason/{userActionReasonId}" "deleteUserActionReasonWithId", UAR,
        "Delete a reason; empty body",
        body: Body::None, query: &[], ok: Empty, other: &[400, 404], tenant: false),
    // §7, §14.3 `/api/user/action`
    op!("POST" "/user/action/search" "searchUserActions", ACT,
        "Search instances (Actioneer extension); the body has no wrapper and may be empty",
        body: OptionalJson(r::<SearchRequest>), query: &[], ok: Success::Json(r::<SearchResponse>),
        other: &[400, 413], tenant: true),
    op!("POST" "/user/action" "actionUserWithId", ACT, "Apply an action to a user",
        body: Json(r::<ActionRequest>), query: &[], ok: Success::Json(r::<ActionResponse>),
        other: &[400, 413], tenant: true),
    op!("GET" "/user/action" "retrieveUserActioning", ACT,
        "List a user's instances: all, current (`active=true`), the others (`active=false`) or \
         those preventing login (`preventingLogin=true`)",
        body: Body::None, query: &[Query::Actioning], ok: Success::Json(r::<ActionsResponse>),
        other: &[400], tenant: true),
    op!("GET" "/user/action/{actionId}" "retrieveActionWithId", ACT,
        "Retrieve an instance in any state",
        body: Body::None, query: &[], ok: Success::Json(r::<ActionResponse>), other: &[400, 404],
        tenant: true),
    op!("PUT" "/user/action/{actionId}" "modifyActionWithId", ACT,
        "Modify a current temporal instance",
        body: Json(r::<ActionRequest>), query: &[], ok: Success::Json(r::<ActionResponse>),
        other: &[400, 404, 413], tenant: true),
    op!("DELETE" "/user/action/{actionId}" "cancelActionWithId", ACT,
        "Cancel a current temporal instance; the ActionRequest body is required",
        body: Json(r::<ActionRequest>), query: &[], ok: Success::Json(r::<ActionResponse>),
        other: &[400, 404, 413], tenant: true),
    // §13.1 `/api/tenant`
    op!("POST" "/tenant" "createTenant", "Tenants", "Create a tenant with a random id",
        body: Json(r::<TenantRequest>), query: &[], ok: Success::Json(r::<TenantResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/tenant" "retrieveTenants", "Tenants", "List the tenants",
        body: Body::None, query: &[], ok: Success::Json(r::<TenantsResponse>), other: &[],
        tenant: false),
    op!("POST" "/tenant/{tenantId}" "createTenantWithId", "Tenants", "Create a tenant with the given id",
        body: Json(r::<TenantRequest>), query: &[], ok: Success::Json(r::<TenantResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("GET" "/tenant/{tenantId}" "retrieveTenantWithId", "Tenants", "Retrieve a tenant",
        body: Body::None, query: &[], ok: Success::Json(r::<TenantResponse>), other: &[400, 404],
        tenant: false),
    op!("PUT" "/tenant/{tenantId}" "updateTenantWithId", "Tenants", "Update a tenant",
        body: Json(r::<TenantRequest>), query: &[], ok: Success::Json(r::<TenantResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("PATCH" "/tenant/{tenantId}" "patchTenantWithId", "Tenants", "Partially update a tenant",
        body: Patch(r::<TenantPatchRequest>), query: &[], ok: Success::Json(r::<TenantResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("DELETE" "/tenant/{tenantId}" "deleteTenantWithId", "Tenants",
        "Delete a tenant and everything in it; empty body",
        body: Body::None, query: &[], ok: Empty, other: &[400, 404], tenant: false),
    // §13.2 `/api/application`
    op!("POST" "/application" "createApplication", "Applications", "Create an application with a random id",
        body: Json(r::<ApplicationRequest>), query: &[], ok: Success::Json(r::<ApplicationResponse>),
        other: &[400, 413], tenant: true),
    op!("GET" "/application" "retrieveApplications", "Applications",
        "List the active applications (or the inactive ones with `inactive=true`)",
        body: Body::None, query: &[Query::Inactive], ok: Success::Json(r::<ApplicationsResponse>),
        other: &[400], tenant: true),
    op!("POST" "/application/{applicationId}" "createApplicationWithId", "Applications",
        "Create an application with the given id",
        body: Json(r::<ApplicationRequest>), query: &[], ok: Success::Json(r::<ApplicationResponse>),
        other: &[400, 404, 413], tenant: true),
    op!("GET" "/application/{applicationId}" "retrieveApplicationWithId", "Applications",
        "Retrieve an application, active or inactive",
        body: Body::None, query: &[], ok: Success::Json(r::<ApplicationResponse>),
        other: &[400, 404], tenant: true),
    op!("PUT" "/application/{applicationId}" "updateApplicationWithId", "Applications",
        "Update an application; with `reactivate=true`, reactivate it (the body is ignored)",
        body: OptionalJson(r::<ApplicationRequest>), query: &[Query::Reactivate],
        ok: Success::Json(r::<ApplicationResponse>), other: &[400, 404, 413], tenant: true),
    op!("PATCH" "/application/{applicationId}" "patchApplicationWithId", "Applications",
        "Partially update an application",
        body: Patch(r::<ApplicationPatchRequest>), query: &[],
        ok: Success::Json(r::<ApplicationResponse>), other: &[400, 404, 413], tenant: true),
    op!("DELETE" "/application/{applicationId}" "deleteApplicationWithId", "Applications",
        "Deactivate an application, or delete it with `hardDelete=true`; empty body",
        body: Body::None, query: &[Query::HardDelete], ok: Empty, other: &[400, 404], tenant: true),
    // §13.3 `/api/user`
    op!("POST" "/user" "createUser", "Users", "Create a user with a random id",
        body: Json(r::<UserRequest>), query: &[], ok: Success::Json(r::<UserResponse>),
        other: &[400, 413], tenant: true),
    op!("GET" "/user" "retrieveUser", "Users",
        "Retrieve a user by `email` (preferred) or `username`; 400 `[missing]userId` without either",
        body: Body::None, query: &[Query::UserLookup], ok: Success::Json(r::<UserResponse>),
        other: &[400, 404], tenant: true),
    op!("POST" "/user/{userId}" "createUserWithId", "Users", "Create a user with the given id",
        body: Json(r::<UserRequest>), query: &[], ok: Success::Json(r::<UserResponse>),
        other: &[400, 404, 413], tenant: true),
    op!("GET" "/user/{userId}" "retrieveUserWithId", "Users", "Retrieve a user",
        body: Body::None, query: &[], ok: Success::Json(r::<UserResponse>), other: &[400, 404],
        tenant: true),
    op!("PUT" "/user/{userId}" "updateUserWithId", "Users",
        "Update a user; with `reactivate=true`, reactivate them (the body is ignored)",
        body: OptionalJson(r::<UserRequest>), query: &[Query::Reactivate],
        ok: Success::Json(r::<UserResponse>), other: &[400, 404, 413], tenant: true),
    op!("PATCH" "/user/{userId}" "patchUserWithId", "Users", "Partially update a user",
        body: Patch(r::<UserPatchRequest>), query: &[], ok: Success::Json(r::<UserResponse>),
        other: &[400, 404, 413], tenant: true),
    op!("DELETE" "/user/{userId}" "deleteUserWithId", "Users",
        "Deactivate a user, or delete them and their instances with `hardDelete=true`; empty body",
        body: Body::None, query: &[Query::HardDelete], ok: Empty, other: &[400, 404], tenant: true),
    // §13.4 `/api/api-key`
    op!("POST" "/api-key" "createAPIKey", "API Keys",
        "Create an API key with a random id; the response alone carries the key",
        body: Json(r::<ApiKeyRequest>), query: &[], ok: Success::Json(r::<ApiKeyResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/api-key" "retrieveAPIKeys", "API Keys", "List the API keys, without their keys",
        body: Body::None, query: &[], ok: Success::Json(r::<ApiKeysResponse>), other: &[],
        tenant: false),
    op!("POST" "/api-key/{apiKeyId}" "createAPIKeyWithId", "API Keys",
        "Create an API key with the given id",
        body: Json(r::<ApiKeyRequest>), query: &[], ok: Success::Json(r::<ApiKeyResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("GET" "/api-key/{apiKeyId}" "retrieveAPIKeyWithId", "API Keys", "Retrieve an API key, without the key",
        body: Body::None, query: &[], ok: Success::Json(r::<ApiKeyResponse>), other: &[400, 404],
        tenant: false),
    op!("DELETE" "/api-key/{apiKeyId}" "deleteAPIKeyWithId", "API Keys", "Delete an API key; empty body",
        body: Body::None, query: &[], ok: Empty, other: &[400, 404], tenant: false),
    // §13.5 `/api/webhook`
    op!("POST" "/webhook" "createWebhook", "Webhooks",
        "Create a webhook with a random id; a `secret` is generated",
        body: Json(r::<WebhookRequest>), query: &[], ok: Success::Json(r::<WebhookResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/webhook" "retrieveWebhooks", "Webhooks", "List the webhooks in creation order",
        body: Body::None, query: &[], ok: Success::Json(r::<WebhooksResponse>), other: &[],
        tenant: false),
    op!("PUT" "/webhook" "updateWebhook", "Webhooks", "Always 400 `[missing]webhookId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("PATCH" "/webhook" "patchWebhook", "Webhooks", "Always 400 `[missing]webhookId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("DELETE" "/webhook" "deleteWebhook", "Webhooks", "Always 400 `[missing]webhookId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("POST" "/webhook/{webhookId}" "createWebhookWithId", "Webhooks",
        "Create a webhook with the given id",
        body: Json(r::<WebhookRequest>), query: &[], ok: Success::Json(r::<WebhookResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/webhook/{webhookId}" "retrieveWebhookWithId", "Webhooks", "Retrieve a webhook",
        body: Body::None, query: &[], ok: Success::Json(r::<WebhookResponse>), other: &[400, 404],
        tenant: false),
    op!("PUT" "/webhook/{webhookId}" "updateWebhookWithId", "Webhooks",
        "Update a webhook; the secret and an omitted password are kept",
        body: Json(r::<WebhookRequest>), query: &[], ok: Success::Json(r::<WebhookResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("PATCH" "/webhook/{webhookId}" "patchWebhookWithId", "Webhooks", "Partially update a webhook",
        body: Patch(r::<WebhookPatchRequest>), query: &[], ok: Success::Json(r::<WebhookResponse>),
        other: &[400, 404, 413], tenant: false),
    op!("DELETE" "/webhook/{webhookId}" "deleteWebhookWithId", "Webhooks",
        "Delete a webhook and its deliveries; empty body",
        body: Body::None, query: &[], ok: Empty, other: &[400, 404], tenant: false),
    // §13.7 `/api/key`
    op!("POST" "/key/generate" "generateKey", "Keys",
        "Generate an HMAC key with a random id; the response alone carries the secret",
        body: Json(r::<KeyRequest>), query: &[], ok: Success::Json(r::<KeyResponse>),
        other: &[400, 413], tenant: false),
    op!("POST" "/key/generate/{keyId}" "generateKeyWithId", "Keys",
        "Generate an HMAC key with the given id",
        body: Json(r::<KeyRequest>), query: &[], ok: Success::Json(r::<KeyResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/key" "retrieveKeys", "Keys", "List the keys, without their secrets",
        body: Body::None, query: &[], ok: Success::Json(r::<KeysResponse>), other: &[],
        tenant: false),
    op!("GET" "/key/{keyId}" "retrieveKeyWithId", "Keys", "Retrieve a key, without its secret",
        body: Body::None, query: &[], ok: Success::Json(r::<KeyResponse>), other: &[400, 404],
        tenant: false),
    op!("DELETE" "/key/{keyId}" "deleteKeyWithId", "Keys",
        "Delete a key no webhook signs with (else 400 `[inUse]keyId`); empty body",
        body: Body::None, query: &[], ok: Empty, other: &[400, 404], tenant: false),
    // §14.5 FusionAuth's webhook event log, and replay (Actioneer's)
    op!("POST" "/system/webhook-event-log/search" "searchWebhookEventLogs", "Webhooks",
        "Search the webhook event log: one entry per event, with its attempts across webhooks. \
         `total` is exact up to 10,000 matches unless `accurateTotal`; `webhookId`, \
         `linkedObjectId`, `accurateTotal` and `totalIsExact` are Actioneer's",
        body: OptionalJson(r::<crate::api::webhook_event_log::WebhookEventLogSearchRequest>),
        query: &[], ok: Success::Json(r::<crate::api::webhook_event_log::WebhookEventLogSearchResponse>),
        other: &[400, 413], tenant: false),
    op!("GET" "/system/webhook-event-log/search" "searchWebhookEventLogsWithParameters", "Webhooks",
        "Search the webhook event log, with the criteria as query parameters",
        body: Body::None, query: &[Query::EventLogSearch],
        ok: Success::Json(r::<crate::api::webhook_event_log::WebhookEventLogSearchResponse>),
        other: &[400], tenant: false),
    op!("GET" "/system/webhook-event-log/{webhookEventLogId}" "retrieveWebhookEventLogWithId", "Webhooks",
        "Retrieve one event (its id is the event's id) with every attempt to every webhook",
        body: Body::None, query: &[], ok: Success::Json(r::<WebhookEventLogResponse>),
        other: &[400, 404], tenant: false),
    op!("POST" "/system/webhook-event-log/{webhookEventLogId}/replay" "replayWebhookEventLogWithId", "Webhooks",
        "Actioneer's: queue a `Failed` event's failed deliveries again with the same event id and \
         body (else 400 `[invalid]webhookEventLogId`)",
        body: Body::None, query: &[], ok: Success::Json(r::<WebhookEventLogResponse>),
        other: &[400, 404], tenant: false),
    op!("GET" "/system/webhook-attempt-log/{webhookAttemptLogId}" "retrieveWebhookAttemptLogWithId", "Webhooks",
        "Retrieve one attempt of one event to one webhook",
        body: Body::None, query: &[], ok: Success::Json(r::<WebhookAttemptLogResponse>),
        other: &[400, 404], tenant: false),
    // §13.6 `/api/email/template`
    op!("POST" "/email/template/preview" "retrieveEmailTemplatePreview", ET,
        "Render an unsaved template with sample values; always 200 once the body parses, with \
         the template's problems in `errors`",
        body: Json(r::<PreviewRequest>), query: &[], ok: Success::Json(r::<PreviewResponse>),
        other: &[400, 413], tenant: false),
    op!("POST" "/email/template" "createEmailTemplate", ET, "Create an email template with a random id",
        body: Json(r::<EmailTemplateRequest>), query: &[],
        ok: Success::Json(r::<EmailTemplateResponse>), other: &[400, 413], tenant: false),
    op!("GET" "/email/template" "retrieveEmailTemplates", ET, "List the email templates in creation order",
        body: Body::None, query: &[], ok: Success::Json(r::<EmailTemplatesResponse>), other: &[],
        tenant: false),
    op!("PUT" "/email/template" "updateEmailTemplate", ET, "Always 400 `[missing]emailTemplateId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("PATCH" "/email/template" "patchEmailTemplate", ET, "Always 400 `[missing]emailTemplateId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("DELETE" "/email/template" "deleteEmailTemplate", ET, "Always 400 `[missing]emailTemplateId`",
        body: Body::None, query: &[], ok: Empty, other: &[400], tenant: false),
    op!("POST" "/email/template/{emailTemplateId}" "createEmailTemplateWithId", ET,
        "Create an email template with the given id",
        body: Json(r::<EmailTemplateRequest>), query: &[],
        ok: Success::Json(r::<EmailTemplateResponse>), other: &[400, 413], tenant: false),
    op!("GET" "/email/template/{emailTemplateId}" "retrieveEmailTemplateWithId", ET,
        "Retrieve an email template",
        body: Body::None, query: &[], ok: Success::Json(r::<EmailTemplateResponse>),
        other: &[400, 404], tenant: false),
    op!("PUT" "/email/template/{emailTemplateId}" "updateEmailTemplateWithId", ET,
        "Update an email template",
        body: Json(r::<EmailTemplateRequest>), query: &[],
        ok: Success::Json(r::<EmailTemplateResponse>), other: &[400, 404, 413], tenant: false),
    op!("PATCH" "/email/template/{emailTemplateId}" "patchEmailTemplateWithId", ET,
        "Partially update an email template",
        body: Patch(r::<EmailTemplatePatchRequest>), query: &[],
        ok: Success::Json(r::<EmailTemplateResponse>), other: &[400, 404, 413], tenant: false),
    op!("DELETE" "/email/template/{emailTemplateId}" "deleteEmailTemplateWithId", ET,
        "Delete an email template no definition uses (else 400 `[inUse]emailTemplateId`); empty body",
        body: Body::None, query: &[], ok: Empty, other: &[400, 404], tenant: false),
    // §12 `/api/login`
    op!("POST" "/login" "login", "Login",
        "Log in with a password: 200, 404 (unknown user or wrong password), 409 (prevented by an \
         action), 423 (deactivated user)",
        body: Json(r::<LoginInput>), query: &[], ok: Success::Json(r::<LoginResponse>),
        other: &[400, 404, 409, 413, 423], tenant: true),
    // §13.9 and this document
    Op {
        method: "GET",
        path: "/status",
        operation_id: "retrieveStatus",
        summary: "Database reachability; no API key needed",
        tag: "System",
        body: Body::None,
        query: &[],
        success: Success::Json(r::<StatusResponse>),
        other: &[503],
        tenant_header: false,
        secured: false,
    },
    Op {
        method: "GET",
        path: "/openapi.json",
        operation_id: "retrieveOpenApiDocument",
        summary: "This OpenAPI document; no API key needed",
        tag: "System",
        body: Body::None,
        query: &[],
        success: Success::Json(any_object),
        other: &[],
        tenant_header: false,
        secured: false,
    },
];

fn any_object() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::Object).into()
}

fn string_schema(format: Option<KnownFormat>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(format.map(SchemaFormat::KnownFormat))
        .into()
}

fn bool_schema() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::Boolean).into()
}

fn param(
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

fn event_log_search_params() -> Vec<Parameter> {
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
            "`insertInstant` at or before this instant.",
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
            int(Some(1.0), Some(500.0)),
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

fn query_params(query: Query) -> Vec<Parameter> {
    let flag = |name: &str, description: &str| {
        param(name, ParameterIn::Query, false, bool_schema(), description)
    };
    match query {
        Query::Inactive => vec![flag(
            "inactive",
            "`true`: list the inactive objects instead of the active ones.",
        )],
        Query::Reactivate => vec![flag(
            "reactivate",
            "`true`: reactivate the object; the body is ignored.",
        )],
        Query::HardDelete => vec![flag(
            "hardDelete",
            "`true`: delete permanently instead of deactivating.",
        )],
        Query::Actioning => vec![
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
        ],
        Query::EventLogSearch => event_log_search_params(),
        Query::UserLookup => vec![
            param(
                "email",
                ParameterIn::Query,
                false,
                string_schema(None),
                "Case-insensitive email address; wins over `username`.",
            ),
            param(
                "username",
                ParameterIn::Query,
                false,
                string_schema(None),
                "Case-insensitive username.",
            ),
        ],
    }
}

fn json_content(schema: RefOr<Schema>) -> Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn empty(description: &str) -> Response {
    ResponseBuilder::new().description(description).build()
}

fn json_response(description: &str, schema: RefOr<Schema>) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", json_content(schema))
        .build()
}

fn response(status: u16) -> Response {
    match status {
        400 => json_response(
            "Parse or validation error: every field error found, keyed by JSON path or \
             parameter name.",
            r::<FieldErrors>(),
        ),
        404 => empty("No such object (in the request tenant), or an unknown path; empty body."),
        409 => json_response(
            "Login prevented by current instances of `preventLogin` definitions.",
            r::<LoginPreventedResponse>(),
        ),
        413 => empty("Request body larger than 1 MiB; empty body."),
        423 => empty("The user is deactivated; empty body."),
        503 => json_response("The database cannot be reached.", r::<StatusResponse>()),
        _ => empty("See the API specification."),
    }
}

/// The name of the path parameter of a templated path, e.g. `userActionId`.
fn path_param(path: &str) -> Option<&str> {
    let start = path.find('{')?;
    let end = path.find('}')?;
    path.get(start + 1..end)
}

fn operation(op: &Op) -> Operation {
    let mut b = OperationBuilder::new()
        .operation_id(Some(op.operation_id))
        .summary(Some(op.summary))
        .tag(op.tag);
    if let Some(name) = path_param(op.path) {
        b = b.parameter(param(
            name,
            ParameterIn::Path,
            true,
            string_schema(Some(KnownFormat::Uuid)),
            "Any letter case. Not a UUID: 400 `[invalid]<name>`.",
        ));
    }
    for query in op.query {
        for p in query_params(*query) {
            b = b.parameter(p);
        }
    }
    if op.tenant_header {
        b = b.parameter(param(
            "X-FusionAuth-TenantId",
            ParameterIn::Header,
            false,
            // No `format`: the value is trimmed and an empty one counts as absent.
            string_schema(None),
            "A tenant id (UUID). With a global API key: the request tenant (§4.2); naming no \
             tenant: 400 `[invalid]tenantId`; empty: no tenant. With a tenant-scoped key: must \
             be the key's tenant, else 401.",
        ));
    }
    let body = match op.body {
        Body::None => None,
        Body::Json(schema) => Some(
            RequestBodyBuilder::new()
                .required(Some(Required::True))
                .content("application/json", json_content(schema()))
                .build(),
        ),
        Body::OptionalJson(schema) => Some(
            RequestBodyBuilder::new()
                .required(Some(Required::False))
                .content("application/json", json_content(schema()))
                .build(),
        ),
        Body::Patch(schema) => Some(
            RequestBodyBuilder::new()
                .description(Some(
                    "`application/json`: merged into the stored object (arrays are appended, \
                     `null` removes); `application/merge-patch+json`: RFC 7396; \
                     `application/json-patch+json`: RFC 6902 on the wrapped document.",
                ))
                .required(Some(Required::True))
                .content("application/json", json_content(schema()))
                .content("application/merge-patch+json", json_content(schema()))
                .content(
                    "application/json-patch+json",
                    json_content(
                        utoipa::openapi::schema::ArrayBuilder::new()
                            .items(r::<JsonPatchOperation>())
                            .into(),
                    ),
                )
                .build(),
        ),
    };
    b = b.request_body(body);
    b = b.response(
        "200",
        match op.success {
            Success::Json(schema) => json_response("Success.", schema()),
            Success::Empty => empty("Success; empty body."),
        },
    );
    let mut statuses: Vec<u16> = op.other.to_vec();
    if op.secured {
        statuses.push(401);
        b = b.security(SecurityRequirement::new(
            SECURITY_SCHEME,
            Vec::<String>::new(),
        ));
    }
    statuses.sort_unstable();
    for status in statuses {
        let r = if status == 401 {
            empty("No API key, an unknown key, or a key that may not make this call; empty body.")
        } else {
            response(status)
        };
        b = b.response(status.to_string(), r);
    }
    b.build()
}

fn method(name: &str) -> HttpMethod {
    match name {
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "PATCH" => HttpMethod::Patch,
        "DELETE" => HttpMethod::Delete,
        _ => HttpMethod::Get,
    }
}

/// The whole document.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for op in OPERATIONS {
        doc.paths.add_path_operation(
            format!("/api{}", op.path),
            vec![method(op.method)],
            operation(op),
        );
    }
    if let Some(components) = doc.components.as_mut() {
        components.add_security_scheme(
            SECURITY_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "The raw API key, without `Bearer` or `Basic`.",
            ))),
        );
    }
    doc
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use actix_web::{test as web_test, App};
    use serde_json::Value;

    use super::*;

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

    /// Every `web::resource("…")` in `src/api/*.rs`, as `/api/…`.
    fn registered_paths() -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
        let mut paths = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (i, _) in source.match_indices("web::resource(\"") {
                let rest = &source[i + "web::resource(\"".len()..];
                let end = rest.find('"').unwrap();
                paths.insert(shape(&format!("/api{}", &rest[..end])));
            }
        }
        paths
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

    #[test]
    fn documents_every_registered_path() {
        let documented: BTreeSet<String> = doc()["paths"]
            .as_object()
            .unwrap()
            .keys()
            .map(|p| shape(p))
            .collect();
        let registered = registered_paths();
        assert!(registered.len() >= 18, "{registered:?}");
        assert_eq!(documented, registered);
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
