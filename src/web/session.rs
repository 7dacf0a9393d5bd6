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
    /// The session's secret (the cookie's value), which seals one-time values (`seal`).
    token: String,
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

    /// Seals values for this session (see `Sealer`).
    pub fn sealer(&self) -> Sealer {
        Sealer {
            token: self.token.clone(),
        }
    }
}

/// Seals one-time values for a session, to keep server-side until the page after a redirect
/// shows them (see `service::flash`).
#[derive(Clone)]
pub struct Sealer {
    token: String,
}

impl Sealer {
    /// `value` sealed for this session under `name`.
    pub fn seal(&self, name: &str, value: &str) -> String {
        use base64::Engine;
        let bytes: Vec<u8> = value
            .bytes()
            .zip(keystream(&self.token, name, value.len()))
            .map(|(a, b)| a ^ b)
            .collect();
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
    }

    /// What `seal` sealed under `name` in this session; `None` for anything else.
    pub fn open(&self, name: &str, sealed: &str) -> Option<String> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(sealed)
            .ok()?;
        let plain: Vec<u8> = bytes
            .iter()
            .zip(keystream(&self.token, name, bytes.len()))
            .map(|(a, b)| a ^ b)
            .collect();
        String::from_utf8(plain).ok()
    }
}

/// Bytes derived from the session's secret and a value's name (SHA-256 in counter mode): the
/// database holds sealed values but never the secret, so it cannot read them. A name is used
/// once per session (it carries the id of what it shows).
fn keystream(token: &str, name: &str, len: usize) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut out = Vec::with_capacity(len + 32);
    let mut block: u64 = 0;
    while out.len() < len {
        let mut h = Sha256::new();
        h.update(b"actioneer flash\0");
        h.update(token.as_bytes());
        h.update(b"\0");
        h.update(name.as_bytes());
        h.update(block.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        block += 1;
    }
    out.truncate(len);
    out
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
                token,
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
