//! Who is asking: the `Staff<A>` extractor (signed in, with a role that reaches area `A`) and
//! `Visitor` (the sign-in and setup pages). Cookies and CSRF tokens are made here.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono_tz::Tz;

use super::error::PageError;
use super::page::{localize_notice, negotiate, Ctx};
use crate::app::AppState;
use crate::domain::staff::{Area, StaffMember, SESSION_SECONDS};
use crate::i18n::Tr;
use crate::service::staff as svc;

pub const SESSION_COOKIE: &str = "actioneer_session";
pub const CSRF_COOKIE: &str = "actioneer_csrf";

/// Which area a route belongs to.
pub trait Access {
    const AREA: Area;
}
/// Any signed-in staff member.
pub struct Anyone;
/// Support agents and administrators.
pub struct Support;
/// Administrators only.
pub struct Admin;
/// Translators and administrators.
pub struct Translator;
impl Access for Anyone {
    const AREA: Area = Area::Account;
}
impl Access for Support {
    const AREA: Area = Area::Support;
}
impl Access for Admin {
    const AREA: Area = Area::Admin;
}
impl Access for Translator {
    const AREA: Area = Area::Translations;
}

/// The CSRF token of a session: derived from its secret cookie, so checking a form needs no
/// database read, and unguessable without the cookie.
pub fn session_csrf(session_token: &str) -> String {
    svc::token_hash(&format!("csrf:{session_token}"))
}

/// A signed-in staff member whose role reaches area `A`; otherwise the request is sent to the
/// sign-in page (not signed in) or refused with 403 (wrong role).
pub struct Staff<A: Access> {
    pub member: StaffMember,
    pub ctx: Ctx,
    pub token_hash: String,
    _area: PhantomData<A>,
}

impl<A: Access> Staff<A> {
    pub fn tr(&self) -> &Tr {
        &self.ctx.tr
    }

    /// The page context with `section` highlighted in the navigation.
    pub fn ctx(&self, section: &'static str) -> Ctx {
        self.ctx.clone().section(section)
    }
}

fn next_of(req: &HttpRequest) -> String {
    match req.query_string() {
        "" => req.path().to_string(),
        q => format!("{}?{q}", req.path()),
    }
}

impl<A: Access + 'static> FromRequest for Staff<A> {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let next = next_of(&req);
            let Some(token) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string()) else {
                return Err(PageError::SignIn { next });
            };
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| PageError::Internal("no app state".into()))?
                .clone();
            let lookup = token.clone();
            let session =
                super::read(&state, move |conn, now| svc::session(conn, now, &lookup)).await?;
            let Some(session) = session else {
                return Err(PageError::SignIn { next });
            };
            let member = session.member;
            let catalog = state.locales.current();
            let lang = negotiate(&catalog, member.language.as_deref(), &req);
            let tz = member
                .time_zone
                .as_deref()
                .and_then(|z| z.parse::<Tz>().ok())
                .unwrap_or(Tz::UTC);
            let mut ctx = Ctx::anonymous(&req);
            ctx.tr = Tr::new(catalog, &lang, tz);
            ctx.member = Some(member.clone());
            ctx.csrf = session_csrf(&token);
            localize_notice(&mut ctx);
            // The error page middleware renders with this context.
            req.extensions_mut().insert(ctx.clone());
            if !member.role.reaches(A::AREA) {
                return Err(PageError::Forbidden);
            }
            Ok(Staff {
                member,
                ctx,
                token_hash: session.token_hash,
                _area: PhantomData,
            })
        })
    }
}

/// Someone on the sign-in or setup page. `cookie` is set when the CSRF cookie is new and must
/// be sent with the response.
pub struct Visitor {
    pub ctx: Ctx,
    pub cookie: Option<Cookie<'static>>,
}

impl FromRequest for Visitor {
    type Error = PageError;
    type Future = std::future::Ready<Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let mut ctx = Ctx::anonymous(req);
        localize_notice(&mut ctx);
        // A session cookie, even an expired one, is what `Form` checks against: sign-in must work
        // for someone whose old session has ended.
        if let Some(session) = req.cookie(SESSION_COOKIE) {
            ctx.csrf = session_csrf(session.value());
        }
        let cookie = if ctx.csrf.is_empty() {
            ctx.csrf = svc::new_token();
            Some(csrf_cookie(req, &ctx.csrf))
        } else {
            None
        };
        req.extensions_mut().insert(ctx.clone());
        std::future::ready(Ok(Visitor { ctx, cookie }))
    }
}

/// Cookies are `Secure` when the server is reached over https.
fn secure(req: &HttpRequest) -> bool {
    req.app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.config.base_url.starts_with("https://"))
}

fn base_cookie(req: &HttpRequest, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/admin")
        .http_only(true)
        .secure(secure(req))
        .finish()
}

pub fn csrf_cookie(req: &HttpRequest, token: &str) -> Cookie<'static> {
    let mut c = base_cookie(req, CSRF_COOKIE, token.to_string());
    c.set_same_site(SameSite::Strict);
    c
}

/// Lax, so that a link to a page from an email or chat opens signed in; forms are protected by
/// their CSRF token.
pub fn session_cookie(req: &HttpRequest, token: &str) -> Cookie<'static> {
    let mut c = base_cookie(req, SESSION_COOKIE, token.to_string());
    c.set_same_site(SameSite::Lax);
    c.set_max_age(CookieDuration::seconds(SESSION_SECONDS));
    c
}

pub fn removal(req: &HttpRequest, name: &'static str) -> Cookie<'static> {
    let mut c = base_cookie(req, name, String::new());
    c.make_removal();
    c
}
