//! The handlers of a resource kept with a global key (tenants, webhooks, email templates,
//! reasons): create with a random or given id, list, retrieve, update, patch, delete. A resource
//! says how its service does each; its wire types are its `Wrapped`.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::error::ApiError;
use super::extract::{Body, Id, MaybeId, PatchBody};
use super::route::{Done, Reply};
use super::wire::{input, many, one, patched, One, Wrapped};
use super::{read, write};
use crate::app::AppState;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

/// A resource whose service has `create(c, now, id, input)`, `list(c)`, `find(c, id)` and
/// `update(c, now, id, input)`, and deletes as the resource says: its wrappers (`wrappers!`,
/// the property name first) and its `Crud`.
macro_rules! resource {
    ($resource:ident($item:ty) by $svc:ident, deleting |$c:ident, $now:pat, $id:ident| $delete:expr;
     $wrapper:literal $field:ident, $fields:ident: $request:ident($input:ty), $one:ident($wire:ty),
     $many:ident) => {
        $crate::api::wire::wrappers!($resource($item), $wrapper $field: $request($input),
            $one($wire), $fields: $many);

        pub struct $resource;

        impl $crate::api::crud::Crud for $resource {
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

pub trait Crud: Wrapped {
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

pub async fn create<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    id: MaybeId,
    body: Body<R::Request>,
) -> One<R> {
    let input = input::<R>(&body)?;
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
    Ok(many::<R, _>(
        &read(&state, |conn, _| Ok(R::list(conn)?)).await?,
    ))
}

pub async fn retrieve<R: Crud>(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> One<R> {
    one::<R>(&read(&state, move |conn, _| Ok(R::find(conn, id)?)).await?)
}

pub async fn update<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
    body: Body<R::Request>,
) -> One<R> {
    let input = input::<R>(&body)?;
    one::<R>(
        &write(&state, move |conn, now| {
            Ok(R::update(conn, now, id, input)?)
        })
        .await?,
    )
}

pub async fn patch<R: Crud>(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
    body: PatchBody<R::Request>,
) -> One<R> {
    one::<R>(
        &write(&state, move |conn, now| {
            let input = patched::<R>(&R::find(conn, id)?, &body.content_type, &body)?;
            Ok(R::update(conn, now, id, input)?)
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
