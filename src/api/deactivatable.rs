//! The handlers of a resource that is deactivated rather than deleted (applications, users,
//! action definitions): create with a random or given id, retrieve, update (or reactivate with
//! `reactivate=true`), patch, deactivate (or delete with `hardDelete=true`), and list the active
//! or the inactive ones. A resource says which key reads and which writes, and how its service
//! does each.

use std::future::Future;

use actix_web::{web, FromRequest};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::{AnyKey, GlobalKey, TenantKey};
use super::body::{self, Query};
use super::error::ApiError;
use super::extract::{Body, Id, MaybeId, PatchBody};
use super::route::{Documented, Done, Reply};
use super::wire::{input, many, one, patched, One, Wrapped};
use super::{read, write};
use crate::app::AppState;
use crate::service::runner::Connection;
use crate::service::users::KeyReach;
use crate::service::ServiceResult;

/// A key, and what it lets a handler reach once resolved on a connection.
pub trait Reach: FromRequest<Error = ApiError> + Documented + Send + 'static {
    type Scope: Send + 'static;
    fn scope(&self, conn: &mut Connection) -> Result<Self::Scope, ApiError>;
}

/// A global key reaches everything.
impl Reach for GlobalKey {
    type Scope = ();
    fn scope(&self, _: &mut Connection) -> Result<(), ApiError> {
        Ok(())
    }
}

/// Any key reads what its tenant may (`None`: a global key, everything).
impl Reach for AnyKey {
    type Scope = Option<Uuid>;
    fn scope(&self, _: &mut Connection) -> Result<Option<Uuid>, ApiError> {
        Ok(self.scope)
    }
}

/// The request tenant, and whether the key is global.
pub struct Tenancy {
    pub tenant: Option<Uuid>,
    pub reach: KeyReach,
}

impl Reach for TenantKey {
    type Scope = Tenancy;
    fn scope(&self, conn: &mut Connection) -> Result<Tenancy, ApiError> {
        Ok(Tenancy {
            tenant: self.tenant(conn)?,
            reach: self.reach(),
        })
    }
}

type ReadScope<R> = <<R as Deactivatable>::Reader as Reach>::Scope;
type WriteScope<R> = <<R as Deactivatable>::Writer as Reach>::Scope;

pub trait Deactivatable: Wrapped {
    type Reader: Reach;
    type Writer: Reach;
    /// What a create or an update needs besides its input, made before the write.
    type Prepared: Send + 'static;

    /// Made off the write batch (hashing a new password).
    fn prepare(input: &Self::Input) -> impl Future<Output = Result<Self::Prepared, ApiError>>;
    /// `prepare` inside the batch, for a PATCH, whose input is known only there.
    fn prepare_in_batch(input: &Self::Input) -> ServiceResult<Self::Prepared>;

    fn create(
        c: &mut Connection,
        now: i64,
        scope: &WriteScope<Self>,
        id: Option<Uuid>,
        input: Self::Input,
        prepared: Self::Prepared,
    ) -> ServiceResult<Self::Item>;
    fn find(c: &mut Connection, scope: &ReadScope<Self>, id: Uuid) -> ServiceResult<Self::Item>;
    /// The stored object as a write sees it, which refuses what the key may not change.
    fn stored(c: &mut Connection, scope: &WriteScope<Self>, id: Uuid) -> ServiceResult<Self::Item>;
    /// Refuses a write the key may not make; most keys that write may make any.
    fn check_writable(_: &mut Connection, _: &WriteScope<Self>, _: Uuid) -> ServiceResult<()> {
        Ok(())
    }
    fn update(
        c: &mut Connection,
        now: i64,
        scope: &WriteScope<Self>,
        id: Uuid,
        input: Self::Input,
        prepared: Self::Prepared,
    ) -> ServiceResult<Self::Item>;
    fn set_active(
        c: &mut Connection,
        scope: &WriteScope<Self>,
        id: Uuid,
        active: bool,
    ) -> ServiceResult<Self::Item>;
    fn delete(
        c: &mut Connection,
        now: i64,
        scope: &WriteScope<Self>,
        id: Uuid,
    ) -> ServiceResult<()>;
}

/// A resource listed active, or inactive with `inactive=true`.
pub trait Listed: Deactivatable {
    /// `{"<wrapper>s": [Wire]}`.
    type Many: Serialize + ToSchema + From<Vec<Self::Wire>>;
    fn list(
        c: &mut Connection,
        scope: &ReadScope<Self>,
        active: bool,
    ) -> ServiceResult<Vec<Self::Item>>;
}

pub async fn create<R: Deactivatable>(
    state: web::Data<AppState>,
    key: R::Writer,
    id: MaybeId,
    body: Body<R::Request>,
) -> One<R> {
    let input = input::<R>(&body)?;
    let prepared = R::prepare(&input).await?;
    one::<R>(
        &write(&state, move |conn, now| {
            let scope = key.scope(conn)?;
            Ok(R::create(conn, now, &scope, id.0, input, prepared)?)
        })
        .await?,
    )
}

pub async fn list<R: Listed>(
    state: web::Data<AppState>,
    key: R::Reader,
    query: web::Query<Query>,
) -> Result<Reply<R::Many>, ApiError> {
    let inactive = body::query_bool(&query, "inactive")?.unwrap_or(false);
    let all = read(&state, move |conn, _| {
        let scope = key.scope(conn)?;
        Ok(R::list(conn, &scope, !inactive)?)
    })
    .await?;
    Ok(many::<R, _>(&all))
}

pub async fn retrieve<R: Deactivatable>(
    state: web::Data<AppState>,
    key: R::Reader,
    Id(id): Id,
) -> One<R> {
    one::<R>(
        &read(&state, move |conn, _| {
            let scope = key.scope(conn)?;
            Ok(R::find(conn, &scope, id)?)
        })
        .await?,
    )
}

/// With `reactivate=true`, reactivates instead (the body is ignored).
pub async fn update<R: Deactivatable>(
    state: web::Data<AppState>,
    key: R::Writer,
    Id(id): Id,
    query: web::Query<Query>,
    body: Body<R::Request>,
) -> One<R> {
    if body::query_bool(&query, "reactivate")? == Some(true) {
        return one::<R>(
            &write(&state, move |conn, _| {
                let scope = key.scope(conn)?;
                R::check_writable(conn, &scope, id)?;
                Ok(R::set_active(conn, &scope, id, true)?)
            })
            .await?,
        );
    }
    let input = input::<R>(&body)?;
    let prepared = R::prepare(&input).await?;
    one::<R>(
        &write(&state, move |conn, now| {
            let scope = key.scope(conn)?;
            R::check_writable(conn, &scope, id)?;
            Ok(R::update(conn, now, &scope, id, input, prepared)?)
        })
        .await?,
    )
}

/// The stored object as the key may change it, patched.
pub async fn patch<R: Deactivatable>(
    state: web::Data<AppState>,
    key: R::Writer,
    Id(id): Id,
    body: PatchBody<R::Request>,
) -> One<R> {
    one::<R>(
        &write(&state, move |conn, now| {
            let scope = key.scope(conn)?;
            let stored = R::stored(conn, &scope, id)?;
            let input = patched::<R>(&stored, &body.content_type, &body)?;
            let prepared = R::prepare_in_batch(&input)?;
            Ok(R::update(conn, now, &scope, id, input, prepared)?)
        })
        .await?,
    )
}

/// Deactivates, or deletes with `hardDelete=true`.
pub async fn delete<R: Deactivatable>(
    state: web::Data<AppState>,
    key: R::Writer,
    Id(id): Id,
    query: web::Query<Query>,
) -> Result<Done, ApiError> {
    let hard = body::query_bool(&query, "hardDelete")? == Some(true);
    write(&state, move |conn, now| {
        let scope = key.scope(conn)?;
        R::check_writable(conn, &scope, id)?;
        if hard {
            R::delete(conn, now, &scope, id)?;
        } else {
            R::set_active(conn, &scope, id, false)?;
        }
        Ok(())
    })
    .await?;
    Ok(Done)
}
