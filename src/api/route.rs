//! Declaring API routes: registering a handler adds its actix route and its OpenAPI operation
//! at once. What the handler's signature says is documented from the types themselves: the key
//! it needs (`GlobalKey`, `TenantKey`, `AnyKey`), its path id and request body (`extract`), its
//! success body (`Reply<T>` or `Done`); the operation (`op`, or `resource::Resource` for the
//! standard ones) adds the id, summary, query parameters and any other status.

use std::borrow::Cow;

use actix_web::body::BoxBody;
use actix_web::dev::Handler;
use actix_web::http::Method;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, Responder, ResponseError};
use serde::Serialize;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, Parameter, ParameterIn};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{KnownFormat, Paths, Ref, RefOr, Response, Schema};
use utoipa::ToSchema;

use super::auth::{AnyKey, GlobalKey, TenantKey};
use super::body::Query;
use super::error::ApiError;
use crate::app::AppState;
use crate::domain::FieldErrors;
use crate::openapi::{self as doc, SECURITY_SCHEME};

/// Schemas named in the document, with their dependencies.
pub type Schemas = Vec<(String, RefOr<Schema>)>;

/// A piece of an operation's documentation, built only when the document is.
type Step = Box<dyn FnOnce(&mut Op)>;

/// One operation's documentation, built up by `op` and the handler's types. What needs a schema
/// is kept as a step and run only when the document is built, not each time a worker routes.
pub struct Op {
    id: Cow<'static, str>,
    summary: Cow<'static, str>,
    body: Option<utoipa::openapi::request_body::RequestBody>,
    params: Vec<Parameter>,
    ok: Option<Response>,
    other: Vec<u16>,
    custom: Vec<(u16, Response)>,
    secured: bool,
    tenant_header: bool,
    /// The operation never succeeds (`Refused`): no 200 to document.
    refused: bool,
    schemas: Schemas,
    steps: Vec<Step>,
}

/// An operation: its id and a one-line summary.
pub fn op(id: impl Into<Cow<'static, str>>, summary: impl Into<Cow<'static, str>>) -> Op {
    Op {
        id: id.into(),
        summary: summary.into(),
        body: None,
        params: Vec::new(),
        ok: None,
        other: Vec::new(),
        custom: Vec::new(),
        secured: false,
        tenant_header: false,
        refused: false,
        schemas: Vec::new(),
        steps: Vec::new(),
    }
}

impl Op {
    /// A reference to `T`'s schema, which joins the document's components.
    pub fn schema<T: ToSchema>(&mut self) -> RefOr<Schema> {
        self.schemas.push((T::name().into_owned(), T::schema()));
        T::schemas(&mut self.schemas);
        RefOr::Ref(Ref::from_schema_name(T::name()))
    }

    fn then(mut self, step: impl FnOnce(&mut Op) + 'static) -> Op {
        self.steps.push(Box::new(step));
        self
    }

    /// A required JSON body (`extract::Body` documents itself with this).
    pub(super) fn body_mut<T: ToSchema + 'static>(&mut self) {
        let schema = self.schema::<T>();
        self.body = Some(doc::json_body(schema, true));
    }

    /// A JSON body that may be left out (`extract::OptionalBody`).
    pub(super) fn optional_body_mut<T: ToSchema + 'static>(&mut self) {
        let schema = self.schema::<T>();
        self.body = Some(doc::json_body(schema, false));
    }

    /// A PATCH body: `T` merged in, as a merge patch, or a JSON Patch.
    pub(super) fn patch_mut<T: ToSchema + 'static>(&mut self) {
        let schema = self.schema::<T>();
        let operation = self.schema::<doc::JsonPatchOperation>();
        self.body = Some(doc::patch_body(schema, operation));
    }

    /// Query parameters, read strictly: a malformed one is 400.
    pub fn query(mut self, params: Vec<Parameter>) -> Op {
        self.params.extend(params);
        self.errors(&[400])
    }

    /// Statuses besides 200 (and 401, which every secured operation may answer) and those the
    /// handler's parts document.
    pub fn errors(mut self, statuses: &[u16]) -> Op {
        self.errors_mut(statuses);
        self
    }

    pub(super) fn errors_mut(&mut self, statuses: &[u16]) {
        self.other.extend_from_slice(statuses);
    }

    /// Adds `; note` to the summary.
    pub fn note(mut self, note: &str) -> Op {
        self.summary = format!("{}; {note}", self.summary).into();
        self
    }

    /// The 200 body, an inline schema.
    pub fn ok_schema(self, schema: fn() -> RefOr<Schema>) -> Op {
        self.then(move |op| op.ok = Some(doc::json_response("Success.", schema())))
    }

    /// A status with a JSON body of its own.
    pub fn error_body<T: ToSchema + 'static>(self, status: u16, description: &'static str) -> Op {
        self.then(move |op| {
            let schema = op.schema::<T>();
            op.other.push(status);
            op.custom
                .push((status, doc::json_response(description, schema)));
        })
    }

    /// The 200 body, for handlers that build their response themselves.
    pub fn ok<T: ToSchema + 'static>(self) -> Op {
        self.then(|op| {
            let schema = op.schema::<T>();
            op.ok = Some(doc::json_response("Success.", schema));
        })
    }

    /// Runs the steps the declaration left for the document.
    fn document(&mut self) {
        for step in std::mem::take(&mut self.steps) {
            step(self);
        }
    }

    fn build(
        mut self,
        tag: &str,
        path: &str,
        schemas: &mut Schemas,
    ) -> utoipa::openapi::path::Operation {
        let mut b = OperationBuilder::new()
            .operation_id(Some(self.id.clone()))
            .summary(Some(self.summary.clone()))
            .tag(tag);
        if let Some(name) = path_param(path) {
            b = b.parameter(doc::param(
                name,
                ParameterIn::Path,
                true,
                doc::string_schema(Some(KnownFormat::Uuid)),
                "Any letter case. Not a UUID: 400 `[invalid]<name>`.",
            ));
        }
        for p in std::mem::take(&mut self.params) {
            b = b.parameter(p);
        }
        if self.tenant_header {
            b = b.parameter(doc::tenant_header());
        }
        b = b.request_body(self.body.take());
        if !self.refused {
            let ok = self
                .ok
                .take()
                .unwrap_or_else(|| doc::empty("Success; empty body."));
            b = b.response("200", ok);
        }
        let mut statuses = std::mem::take(&mut self.other);
        if self.secured {
            statuses.push(401);
            b = b.security(SecurityRequirement::new(
                SECURITY_SCHEME,
                Vec::<String>::new(),
            ));
        }
        statuses.sort_unstable();
        statuses.dedup();
        for status in statuses {
            let response = match self.custom.iter().position(|(s, _)| *s == status) {
                Some(i) => self.custom.swap_remove(i).1,
                None => self.status_response(status),
            };
            b = b.response(status.to_string(), response);
        }
        schemas.append(&mut self.schemas);
        b.build()
    }

    fn status_response(&mut self, status: u16) -> Response {
        match status {
            400 => {
                let errors = self.schema::<FieldErrors>();
                doc::json_response(
                    "Parse or validation error: every field error found, keyed by JSON path or \
                     parameter name.",
                    errors,
                )
            }
            401 => doc::empty(
                "No API key, an unknown key, or a key that may not make this call; empty body.",
            ),
            404 => doc::empty(
                "No such object (in the request tenant), or an unknown path; empty body.",
            ),
            409 => {
                let errors = self.schema::<FieldErrors>();
                doc::json_response(
                    "The request named a `version` the object has moved on from (Actioneer \
                     extension); nothing was written. `generalErrors` has `[StaleVersion]` and what changed.",
                    errors,
                )
            }
            413 => doc::empty("Request body larger than 1 MiB; empty body."),
            423 => doc::empty("The user is deactivated; empty body."),
            _ => doc::empty("See the API specification."),
        }
    }
}

/// The name of the path parameter of a templated path, e.g. `userActionId`.
pub(super) fn path_param(path: &str) -> Option<&str> {
    let start = path.find('{')?;
    let end = path.find('}')?;
    path.get(start + 1..end)
}

/// What an extractor or a response type adds to its operation's documentation.
pub trait Documented {
    fn document(_op: &mut Op) {}
}

impl Documented for web::Data<AppState> {}
impl Documented for HttpRequest {}
impl Documented for web::Query<Query> {}
impl Documented for HttpResponse {}

impl Documented for GlobalKey {
    fn document(op: &mut Op) {
        op.secured = true;
    }
}

impl Documented for AnyKey {
    fn document(op: &mut Op) {
        op.secured = true;
    }
}

impl Documented for TenantKey {
    fn document(op: &mut Op) {
        op.secured = true;
        op.tenant_header = true;
    }
}

impl<R: Documented> Documented for Result<R, ApiError> {
    fn document(op: &mut Op) {
        R::document(op)
    }
}

macro_rules! documented_tuple {
    ($($t:ident),*) => {
        impl<$($t: Documented),*> Documented for ($($t,)*) {
            #[allow(unused_variables)]
            fn document(op: &mut Op) {
                $($t::document(op);)*
            }
        }
    };
}
documented_tuple!();
documented_tuple!(A);
documented_tuple!(A, B);
documented_tuple!(A, B, C);
documented_tuple!(A, B, C, D);
documented_tuple!(A, B, C, D, E);
documented_tuple!(A, B, C, D, E, F);

/// `200` with `T` as JSON.
pub struct Reply<T>(pub T);

impl<T: Serialize> Responder for Reply<T> {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        match serde_json::to_vec(&self.0) {
            Ok(body) => HttpResponse::Ok()
                .content_type("application/json")
                .body(body),
            Err(e) => ApiError::Internal(e.to_string()).error_response(),
        }
    }
}

impl<T: ToSchema> Documented for Reply<T> {
    fn document(op: &mut Op) {
        let schema = op.schema::<T>();
        op.ok = Some(doc::json_response("Success.", schema));
    }
}

/// `200` with an empty body.
pub struct Done;

impl Responder for Done {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        HttpResponse::Ok().finish()
    }
}

impl Documented for Done {}

/// The answer of an operation that is always refused: there is no success to send.
pub enum Refused {}

impl Responder for Refused {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        match self {}
    }
}

impl Documented for Refused {
    fn document(op: &mut Op) {
        op.refused = true;
        op.errors_mut(&[400]);
    }
}

/// Every API route and, when asked for, its documentation, in registration order.
pub struct Api {
    tag: &'static str,
    resources: Vec<(&'static str, Vec<actix_web::Route>)>,
    /// `None` when only routing: each worker routes, and the document is built once, on request.
    document: Option<(Paths, Schemas)>,
}

impl Api {
    /// Routes only; each operation's documentation is dropped unbuilt.
    pub fn routing() -> Api {
        Api {
            tag: "",
            resources: Vec::new(),
            document: None,
        }
    }

    /// Routes and documents every operation.
    pub fn documenting() -> Api {
        Api {
            document: Some((Paths::new(), Vec::new())),
            ..Api::routing()
        }
    }

    /// The tag of the operations declared next.
    pub fn tag(&mut self, tag: &'static str) -> &mut Api {
        self.tag = tag;
        self
    }

    /// Routes `method path` (under `/api`) to `handler`, and documents it.
    pub fn route<F, Args>(
        &mut self,
        method: Method,
        path: &'static str,
        handler: F,
        op: Op,
    ) -> &mut Api
    where
        F: Handler<Args>,
        Args: FromRequest + Documented + 'static,
        F::Output: Responder + Documented + 'static,
    {
        if let Some((paths, schemas)) = &mut self.document {
            let mut op = op;
            op.document();
            Args::document(&mut op);
            F::Output::document(&mut op);
            let http = match method {
                Method::POST => HttpMethod::Post,
                Method::PUT => HttpMethod::Put,
                Method::PATCH => HttpMethod::Patch,
                Method::DELETE => HttpMethod::Delete,
                _ => HttpMethod::Get,
            };
            let operation = op.build(self.tag, path, schemas);
            paths.add_path_operation(format!("/api{path}"), vec![http], operation);
        }
        let route = web::method(method).to(handler);
        match self.resources.iter_mut().find(|(p, _)| *p == path) {
            Some((_, routes)) => routes.push(route),
            None => self.resources.push((path, vec![route])),
        }
        self
    }

    pub fn get<F, Args>(&mut self, path: &'static str, handler: F, op: Op) -> &mut Api
    where
        F: Handler<Args>,
        Args: FromRequest + Documented + 'static,
        F::Output: Responder + Documented + 'static,
    {
        self.route(Method::GET, path, handler, op)
    }

    pub fn post<F, Args>(&mut self, path: &'static str, handler: F, op: Op) -> &mut Api
    where
        F: Handler<Args>,
        Args: FromRequest + Documented + 'static,
        F::Output: Responder + Documented + 'static,
    {
        self.route(Method::POST, path, handler, op)
    }

    pub fn put<F, Args>(&mut self, path: &'static str, handler: F, op: Op) -> &mut Api
    where
        F: Handler<Args>,
        Args: FromRequest + Documented + 'static,
        F::Output: Responder + Documented + 'static,
    {
        self.route(Method::PUT, path, handler, op)
    }

    pub fn patch<F, Args>(&mut self, path: &'static str, handler: F, op: Op) -> &mut Api
    where
        F: Handler<Args>,
        Args: FromRequest + Documented + 'static,
        F::Output: Responder + Documented + 'static,
    {
        self.route(Method::PATCH, path, handler, op)
    }

    pub fn delete<F, Args>(&mut self, path: &'static str, handler: F, op: Op) -> &mut Api
    where
        F: Handler<Args>,
        Args: FromRequest + Documented + 'static,
        F::Output: Responder + Documented + 'static,
    {
        self.route(Method::DELETE, path, handler, op)
    }

    /// Registers every declared route, one actix resource per path (so that a method the path
    /// lacks is 405 with `Allow`).
    pub fn register(self, cfg: &mut web::ServiceConfig) {
        for (path, routes) in self.resources {
            let mut resource = web::resource(path);
            for route in routes {
                resource = resource.route(route);
            }
            cfg.service(resource);
        }
    }

    /// The documented paths and the schemas they name (none unless `documenting`).
    pub fn into_document(self) -> (Paths, Schemas) {
        self.document.unwrap_or_else(|| (Paths::new(), Vec::new()))
    }
}
