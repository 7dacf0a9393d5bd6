//! A secret shown once (a new API key, a new signing key's secret): the write that makes it
//! leaves it, sealed for the session, for the page the form redirects to, which takes it as it
//! shows it. Shown again, that page says the secret was shown.

use actix_web::web;
use uuid::Uuid;

use super::SECTION;
use crate::app::AppState;
use crate::service::flash;
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::web::session::Sealer;
use crate::web::{write, Admin, Ctx, PageError, Staff};

/// What the write that makes a secret needs to leave it for the session's next page.
pub struct Keeper {
    /// Names the kind of secret, and the page: `/admin/settings/<kind>s/<id>/created`.
    kind: &'static str,
    token_hash: String,
    sealer: Sealer,
}

impl Keeper {
    pub fn new(staff: &Staff<Admin>, kind: &'static str) -> Keeper {
        Keeper {
            kind,
            token_hash: staff.token_hash.clone(),
            sealer: staff.sealer(),
        }
    }

    /// Leaves `secret` of `id` for its page, in the transaction that made it.
    pub fn keep(
        &self,
        conn: &mut Connection,
        now: i64,
        id: Uuid,
        secret: &str,
    ) -> ServiceResult<()> {
        let name = flash_name(self.kind, id);
        let sealed = self.sealer.seal(&name, secret);
        flash::put(conn, now, &self.token_hash, &name, &sealed)
    }
}

/// The page a create form redirects to.
pub fn page_of(kind: &str, id: Uuid) -> String {
    format!("/admin/settings/{kind}s/{id}/created?done=created")
}

fn flash_name(kind: &str, id: Uuid) -> String {
    format!("{kind}:{id}")
}

/// `load`s thing `id` and takes its secret, if still waiting; the page's context says "Created."
/// only the first time.
pub async fn take<T, F>(
    state: &web::Data<AppState>,
    staff: &Staff<Admin>,
    kind: &'static str,
    id: Uuid,
    load: F,
) -> Result<(T, Option<String>, Ctx), PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> ServiceResult<T> + Send + 'static,
{
    let (token_hash, name) = (staff.token_hash.clone(), flash_name(kind, id));
    let (thing, sealed) = write(state, move |conn, now| {
        Ok((load(conn)?, flash::take(conn, now, &token_hash, &name)?))
    })
    .await??;
    let secret = sealed.and_then(|s| staff.sealer().open(&flash_name(kind, id), &s));
    let mut ctx = staff.ctx(SECTION);
    if secret.is_none() {
        // Shown again: "Created." would announce a second one.
        ctx.notice = None;
    }
    Ok((thing, secret, ctx))
}
