//! The handlers of a resource kept with a global key (tenants, webhooks, email templates,
//! reasons): create with a random or given id, list, retrieve, update, patch, delete. A resource
//! says how its service does each, and which wire types it reads and writes.

use actix_web::{web, HttpRequest};
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::body;
use super::error::ApiError;
use super::route::{Done, Id, MaybeId, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

/// A resource's request and response wrappers: `Request {field: Input}`, `One {field: Wire}` and,
/// for a resource that is listed, `Many {fields: [Wire]}`; properties in camelCase, with the
/// conversions the generic handlers use.
macro_rules! wrappers {
    ($field:ident: $(#[$request_doc:meta])* $request:ident($input:ty), $one:ident($wire:ty)
     $(, $fields:ident: $many:ident)?) => {
        $(#[$request_doc])*
        #[derive(serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $request {
            pub $field: $input,
        }

        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $one {
            pub $field: $wire,
        }

        impl From<$request> for $input {
            fn from(r: $request) -> Self {
                r.$field
            }
        }

        impl From<$wire> for $one {
            fn from($field: $wire) -> Self {
                $one { $field }
            }
        }

        $($crate::api::crud::wrappers!(list $fields: $many($wire));)?
    };
    (list $fields:ident: $many:ident($wire:ty)) => {
        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $many {
            pub $fields: Vec<$wire>,
        }

        impl From<Vec<$wire>> for $many {
            fn from($fields: Vec<$wire>) -> Self {
                $many { $fields }
            }
        }
    };
}
pub(crate) use wrappers;

/// A resource whose service has `create(c, now, id, input)`, `list(c)`, `find(c, id)` and
/// `update(c, now, id, input)`, and deletes as the resource says: its wrappers (`wrappers!`,
/// the property name first) and its `Crud`.
macro_rules! resource {
    ($resource:ident($item:ty) by $svc:ident, deleting |$c:ident, $now:pat, $id:ident| $delete:expr;
     $wrapper:literal $field:ident, $fields:ident: $request:ident($input:ty), $one:ident($wire:ty),
     $many:ident) => {
        $crate::api::crud::wrappers!($field: $request($input), $one($wire), $fields: $many);

        pub struct $resource;

        impl $crate::api::crud::Crud for $resource {
            const WRAPPER: &'static str = $wrapper;
            type Item = $item;
            type Input = $input;
            type Wire = $wire;
            type Request = $request;
            type One = $one;
            type Many = $many;

            fn create(
                c: &mut $crate::service::runner::Connection,
                now: i64,
                id: Option<::uuid::Uuid>,
                i: $input,
            ) -> $crate::service::ServiceResult<$item> {
                $svc::create(c, now, id, i)
            }
            fn list(
                c: &mut $crate::service::runner::Connection,
            ) -> $crate::service::ServiceResult<Vec<$item>> {
                $svc::list(c)
            }
            fn find(
                c: &mut $crate::service::runner::Connection,
                id: ::uuid::Uuid,
            ) -> $crate::service::ServiceResult<$item> {
                $svc::find(c, id)
            }
            fn update(
                c: &mut $crate::service::runner::Connection,
                now: i64,
                id: ::uuid::Uuid,
                i: $input,
            ) -> $crate::service::ServiceResult<$item> {
                $svc::update(c, now, id, i)
            }
            fn delete(
                $c: &mut $crate::service::runner::Connection,
                $now: i64,
                $id: ::uuid::Uuid,
            ) -> $crate::service::ServiceResult<()> {
                $delete
            }
        }
    };
}
pub(crate) use resource;

pub trait Crud: 'static {
    /// The property a request and a response wrap the object in, e.g. `webhook`.
    const WRAPPER: &'static str;
    type Item: Send + 'static;
    type Input: Send + 'static;
    /// The object on the wire.
    type Wire: Serialize + for<'a> From<&'a Self::Item>;
    /// `{"<wrapper>": Input}`.
    type Request: DeserializeOwned + ToSchema + Into<Self::Input>;
    /// `{"<wrapper>": Wire}`.
    type One: Serialize + ToSchema + From<Self::Wire>;
    /// `{"<wrapper>s": [Wire]}`.
    type Many: Serialize + ToSchema + From<Vec<Self::Wire>>;

    fn create(
        c: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        i: Self::Input,
    ) -> ServiceResult<Self::Item>;
    fn list(c: &mut Connection) -> ServiceResult<Vec<Self::Item>>;
    fn find(c: &mut Connection, id: Uuid) -> ServiceResult<Self::Item>;
    fn update(c: &mut Connection, now: i64, id: Uuid, i: Self::Input) -> ServiceResult<Self::Item>;
    fn delete(c: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()>;
}

type One<R> = Result<Reply<<R as Crud>::One>, ApiError>;

fn one<R: Crud>(item: &R::Item) -> One<R> {
    Ok(Reply(R::One::from(R::Wire::from(item))))
}

fn input<R: Crud>(bytes: &[u8]) -> Result<R::Input, ApiError> {
    Ok(body::request::<R::Request>(bytes, R::WRAPPER)?.into())
}

pub async fn create<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    id: MaybeId,
    bytes: web::Bytes,
) -> One<R> {
    let input = input::<R>(&bytes)?;
    one::<R>(
        &write(&state, move |conn, now| {
            Ok(R::create(conn, now, id.0, input)?)
        })
        .await?,
    )
}

pub async fn list<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
) -> Result<Reply<R::Many>, ApiError> {
    let all = read(&state, |conn, _| Ok(R::list(conn)?)).await?;
    let wires = all.iter().map(R::Wire::from).collect::<Vec<_>>();
    Ok(Reply(R::Many::from(wires)))
}

pub async fn retrieve<R: Crud>(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> One<R> {
    one::<R>(&read(&state, move |conn, _| Ok(R::find(conn, id)?)).await?)
}

pub async fn update<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
    bytes: web::Bytes,
) -> One<R> {
    let input = input::<R>(&bytes)?;
    one::<R>(
        &write(&state, move |conn, now| {
            Ok(R::update(conn, now, id, input)?)
        })
        .await?,
    )
}

/// The stored object as a GET returns it, patched, and read back as a request.
pub async fn patch<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    req: HttpRequest,
    Id(id): Id,
    bytes: web::Bytes,
) -> One<R> {
    let content_type = body::content_type(&req);
    one::<R>(
        &write(&state, move |conn, now| {
            let stored = R::Wire::from(&R::find(conn, id)?);
            let request: R::Request = body::patched(&stored, R::WRAPPER, &content_type, &bytes)?;
            Ok(R::update(conn, now, id, request.into())?)
        })
        .await?,
    )
}

pub async fn delete<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
) -> Result<Done, ApiError> {
    write(&state, move |conn, now| Ok(R::delete(conn, now, id)?)).await?;
    Ok(Done)
}
