//! The OpenAPI 3 document of the JSON API, built from the wire types.

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Actioneer API",
        description = "FusionAuth-compatible User Actions, Actioning Users and Reasons APIs."
    ),
    components(schemas(
        crate::api::user_actions::UserActionWire,
        crate::api::reasons::ReasonWire,
        crate::api::actioning::InstanceWire,
        crate::domain::errors::FieldErrors,
    ))
)]
struct ApiDoc;

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
