//! The parts of a request a handler takes, each documenting itself in the operation it serves:
//! the path's id (400 when it is not a UUID, 404 when it names nothing), and a JSON body (its
//! schema, 400 and 413; whole, optional or a PATCH), read when the handler asks for it.

use std::future::{ready, Ready};
use std::marker::PhantomData;
use std::ops::Deref;

use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;
use uuid::Uuid;

use super::body;
use super::error::ApiError;
use super::route::{Documented, Op};
use crate::domain::Kind;

/// The path's id: `[invalid]<name of the path parameter>` when it is not a UUID.
pub struct Id(pub Uuid);

/// The path's id where the path may have none (create with a new id or the given one).
pub struct MaybeId(pub Option<Uuid>);

fn path_id(req: &HttpRequest) -> Result<Option<Uuid>, ApiError> {
    req.match_info()
        .iter()
        .next()
        .map(|(name, raw)| Uuid::parse_str(raw).map_err(|_| ApiError::field(Kind::Invalid, name)))
        .transpose()
}

impl FromRequest for Id {
    type Error = ApiError;
    type Future = Ready<Result<Id, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(path_id(req).and_then(|id| {
            id.map(Id)
                .ok_or_else(|| ApiError::Internal("a route without an id takes an Id".into()))
        }))
    }
}

impl FromRequest for MaybeId {
    type Error = ApiError;
    type Future = Ready<Result<MaybeId, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(path_id(req).map(MaybeId))
    }
}

impl Documented for Id {
    fn document(op: &mut Op) {
        op.errors_mut(&[400, 404]);
    }
}

impl Documented for MaybeId {
    fn document(op: &mut Op) {
        op.errors_mut(&[400]);
    }
}

/// A request body documented as `T`, as a whole (`Json`) or as a PATCH of it (`Patch`), kept as
/// bytes until the handler reads it: an update with `reactivate=true` ignores it, and each
/// resource reads it with its own wrapper.
pub struct Body<T, K = Json> {
    bytes: web::Bytes,
    /// What the PATCH body is: a merge patch, a JSON Patch, or `T` merged in.
    pub content_type: String,
    of: PhantomData<fn() -> (T, K)>,
}

/// A body that is the whole of `T`.
pub struct Json;

/// A body that patches `T`.
pub struct Patch;

/// A body that may be left out, read as `T::default()` then.
pub struct Optional;

pub type PatchBody<T> = Body<T, Patch>;
pub type OptionalBody<T> = Body<T, Optional>;

impl<T: DeserializeOwned> Body<T> {
    /// `T` from `{"<wrapper>": …}`, with FusionAuth's errors.
    pub fn request(&self, wrapper: &str) -> Result<T, ApiError> {
        body::request(&self.bytes, wrapper)
    }

    /// `T` as the whole body, its errors named under `name`.
    pub fn whole(&self, name: &str) -> Result<T, ApiError> {
        body::whole(&self.bytes, name)
    }
}

impl<T: DeserializeOwned + Default> Body<T, Optional> {
    /// `T` as the whole body, or its default for an empty one; errors named under `name`.
    pub fn read(&self, name: &str) -> Result<T, ApiError> {
        body::optional(&self.bytes, name)
    }
}

impl<T, K> Deref for Body<T, K> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl<T, K> FromRequest for Body<T, K> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let content_type = body::content_type(req);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            Ok(Body {
                bytes: bytes.await?,
                content_type,
                of: PhantomData,
            })
        })
    }
}

impl<T: ToSchema + 'static> Documented for Body<T, Json> {
    fn document(op: &mut Op) {
        op.body_mut::<T>();
        op.errors_mut(&[400, 413]);
    }
}

impl<T: ToSchema + 'static> Documented for Body<T, Optional> {
    fn document(op: &mut Op) {
        op.optional_body_mut::<T>();
        op.errors_mut(&[400, 413]);
    }
}

impl<T: ToSchema + 'static> Documented for Body<T, Patch> {
    fn document(op: &mut Op) {
        op.patch_mut::<T>();
        op.errors_mut(&[400, 413]);
    }
}
