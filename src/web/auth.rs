//! Signing in and out, the first-start setup link, and a member's own settings and password.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::session::{removal, session_cookie, CSRF_COOKIE, SESSION_COOKIE};
use super::{
    form_again, render, render_status, see_other, Anyone, Ctx, Form, FormErrors, PageError, Staff,
    Visitor,
};
use crate::app::AppState;
use crate::domain::signin::{minutes_left, seconds_left};
use crate::service::signin::{self, Admission, SignIn};
use crate::service::staff as svc;
use crate::service::users::hash_new_password;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login_page))
        .route("/login", web::post().to(login))
        .route("/logout", web::post().to(logout))
        .route("/setup", web::get().to(setup_page))
        .route("/setup", web::post().to(setup))
        .route("/account", web::get().to(account_page))
        .route("/account", web::post().to(account))
        .route("/account/password", web::post().to(change_password));
}

/// Only our own pages are followed after sign-in (no open redirect), and only a path that is
/// a valid `Location` as it stands: printable ASCII, no white space or control characters.
fn safe_next(next: &str) -> &str {
    if next.starts_with("/admin/")
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.bytes().all(|b| b.is_ascii_graphic())
    {
        next
    } else {
        "/admin/"
    }
}

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage {
    ctx: Ctx,
    email: String,
    next: String,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    next: String,
}

fn with_cookie(mut res: HttpResponse, visitor: &Visitor) -> HttpResponse {
    if let Some(cookie) = &visitor.cookie {
        // A freshly made cookie always serialises.
        let _ = res.add_cookie(cookie);
    }
    res
}

async fn login_page(
    visitor: Visitor,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, PageError> {
    let page = LoginPage {
        ctx: visitor.ctx.clone(),
        email: String::new(),
        next: safe_next(&query.next).to_string(),
        errors: FormErrors::none(),
    };
    Ok(with_cookie(render(&page)?, &visitor))
}

async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    visitor: Visitor,
    Form(form): Form<LoginForm>,
) -> Result<HttpResponse, PageError> {
    let outcome = signin::sign_in(
        &state.db,
        &state.writer,
        state.now(),
        &form.email,
        &form.password,
        state.client_ip(&req),
    )
    .await?;
    let token = match outcome {
        SignIn::SignedIn { token } => token,
        SignIn::Refused { until } => return refused(&state, visitor, form, until),
        SignIn::WrongPassword => {
            let errors = FormErrors::general(&visitor.ctx.tr, "login-failed");
            let page = login_again(visitor, form, errors);
            return render_status(actix_web::http::StatusCode::UNAUTHORIZED, &page);
        }
    };
    Ok(signed_in(&req, &token, safe_next(&form.next)))
}

/// A new session, by sign-in or setup: on to `location` with the session cookie, the visitor's
/// CSRF cookie dropped (the session carries its own token from now on).
fn signed_in(req: &HttpRequest, token: &str, location: &str) -> HttpResponse {
    let mut res = see_other(location);
    let _ = res.add_cookie(&session_cookie(req, token));
    let _ = res.add_cookie(&removal(req, CSRF_COOKIE));
    res
}

/// The sign-in form again, with the email and the page to go on to as typed.
fn login_again(visitor: Visitor, form: LoginForm, errors: FormErrors) -> LoginPage {
    LoginPage {
        ctx: visitor.ctx,
        email: form.email,
        next: safe_next(&form.next).to_string(),
        errors,
    }
}

/// The form again with the throttling message: 429, and when to retry.
fn refused(
    state: &AppState,
    visitor: Visitor,
    form: LoginForm,
    until: i64,
) -> Result<HttpResponse, PageError> {
    let now = state.now();
    let message = visitor
        .ctx
        .tr
        .t1("login-throttled", "minutes", minutes_left(until, now));
    let page = login_again(visitor, form, FormErrors::general_text(message));
    let mut res = render_status(actix_web::http::StatusCode::TOO_MANY_REQUESTS, &page)?;
    let seconds = seconds_left(until, now);
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&seconds.to_string()) {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, value);
    }
    Ok(res)
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff<Anyone>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, PageError> {
    let hash = staff.token_hash.clone();
    super::write(&state, move |conn, _| svc::end_session(conn, &hash)).await??;
    let mut res = see_other("/admin/login?done=signed-out");
    let _ = res.add_cookie(&removal(&req, SESSION_COOKIE));
    Ok(res)
}

#[derive(Template)]
#[template(path = "admin/setup.html")]
struct SetupPage {
    ctx: Ctx,
    token: String,
    email: String,
    name: String,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenQuery {
    token: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SetupForm {
    token: String,
    email: String,
    name: String,
    password: String,
}

async fn setup_page(
    state: web::Data<AppState>,
    visitor: Visitor,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, PageError> {
    let token = query.token.clone();
    if !super::read(&state, move |conn, now| {
        svc::setup_token_valid(conn, now, &token)
    })
    .await?
    {
        return Err(PageError::NotFound);
    }
    let page = SetupPage {
        ctx: visitor.ctx.clone(),
        token: query.token.clone(),
        email: String::new(),
        name: String::new(),
        errors: FormErrors::none(),
    };
    Ok(with_cookie(render(&page)?, &visitor))
}

async fn setup(
    state: web::Data<AppState>,
    req: HttpRequest,
    visitor: Visitor,
    Form(form): Form<SetupForm>,
) -> Result<HttpResponse, PageError> {
    let input = svc::MemberInput {
        email: form.email.clone(),
        name: form.name.clone(),
        password: form.password.clone(),
        ..Default::default()
    };
    let hash = super::blocking({
        let input = input.clone();
        move || svc::hash_password(&input)
    })
    .await?;
    let token = form.token.clone();
    let created = super::write(&state, move |conn, now| {
        let member = svc::complete_setup(conn, now, &token, &input, hash)?;
        svc::start_session(conn, now, member.id)
    })
    .await?;
    match created {
        Ok(session) => Ok(signed_in(&req, &session, "/admin/")),
        Err(errors) => {
            let errors = FormErrors::new(&errors, &visitor.ctx.tr, &["email", "name", "password"]);
            let page = SetupPage {
                ctx: visitor.ctx,
                token: form.token,
                email: form.email,
                name: form.name,
                errors,
            };
            form_again(&page)
        }
    }
}

#[derive(Template)]
#[template(path = "admin/account.html")]
struct AccountPage {
    ctx: Ctx,
    language: String,
    time_zone: String,
    languages: Vec<(String, String)>,
    errors: FormErrors,
    password_errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AccountForm {
    language: String,
    time_zone: String,
}

fn languages(ctx: &Ctx) -> Vec<(String, String)> {
    ctx.tr
        .catalog()
        .languages()
        .into_iter()
        .map(|l| {
            (
                l.to_string(),
                ctx.tr.catalog().format(l, "language-name", None),
            )
        })
        .collect()
}

async fn account_page(staff: Staff<Anyone>) -> Result<HttpResponse, PageError> {
    let ctx = staff.ctx("account");
    render(&AccountPage {
        languages: languages(&ctx),
        language: staff.member.language.clone().unwrap_or_default(),
        time_zone: staff.member.time_zone.clone().unwrap_or_default(),
        errors: FormErrors::none(),
        password_errors: FormErrors::none(),
        ctx,
    })
}

async fn account(
    state: web::Data<AppState>,
    staff: Staff<Anyone>,
    Form(form): Form<AccountForm>,
) -> Result<HttpResponse, PageError> {
    let member = staff.member.clone();
    let (language, zone) = (form.language.clone(), form.time_zone.clone());
    let saved = super::write(&state, move |conn, now| {
        svc::set_preferences(conn, now, &member, &language, &zone)
    })
    .await?;
    match saved {
        Ok(_) => Ok(see_other("/admin/account?done=saved")),
        Err(errors) => {
            let ctx = staff.ctx("account");
            form_again(&AccountPage {
                errors: FormErrors::new(&errors, &ctx.tr, &["language", "timeZone"]),
                password_errors: FormErrors::none(),
                languages: languages(&ctx),
                language: form.language,
                time_zone: form.time_zone,
                ctx,
            })
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// The account page again with errors on the password form.
fn password_refused(
    staff: &Staff<Anyone>,
    status: actix_web::http::StatusCode,
    password_errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let ctx = staff.ctx("account");
    render_status(
        status,
        &AccountPage {
            languages: languages(&ctx),
            language: staff.member.language.clone().unwrap_or_default(),
            time_zone: staff.member.time_zone.clone().unwrap_or_default(),
            errors: FormErrors::none(),
            password_errors,
            ctx,
        },
    )
}

/// The attempt, counted and throttled like a sign-in: when it is refused, until when.
async fn throttled_until(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    staff: &Staff<Anyone>,
) -> Result<Option<i64>, PageError> {
    let ip = state.client_ip(req);
    let email = staff.member.email.clone();
    let admission = super::write(state, move |conn, now| {
        signin::admit(conn, now, &email, ip.as_deref())
    })
    .await?
    .map_err(|errors| PageError::BadRequest(format!("{errors:?}")))?;
    Ok(match admission {
        Admission::Refused { until } => Some(until),
        _ => None,
    })
}

/// Whether the current password is right and, when it is, the new one hashed (`None` when it
/// is too short or too long; the change reports that).
async fn check_current(
    state: &web::Data<AppState>,
    staff: &Staff<Anyone>,
    form: &PasswordForm,
) -> Result<(bool, Option<String>), PageError> {
    let (id, current) = (staff.member.id, form.current_password.clone());
    // argon2 runs on blocking threads, outside the writer.
    let matches = super::read(state, move |conn, _| {
        svc::password_matches(conn, id, &current)
    })
    .await?;
    if !matches {
        return Ok((false, None));
    }
    let new = form.new_password.clone();
    let new_hash = super::blocking(move || hash_new_password(Some(&new))).await?;
    // The right password, as after a sign-in, even if the new one is refused below.
    let email = staff.member.email.clone();
    super::write(state, move |conn, _| signin::succeeded(conn, &email)).await??;
    Ok((true, new_hash))
}

/// A member's own new password. The current one is checked like a sign-in (counted and
/// throttled with it); the member's other sessions end, this one stays.
async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff<Anyone>,
    Form(form): Form<PasswordForm>,
) -> Result<HttpResponse, PageError> {
    if let Some(until) = throttled_until(&state, &req, &staff).await? {
        let minutes = minutes_left(until, state.now());
        let message = staff.tr().t1("login-throttled", "minutes", minutes);
        return password_refused(
            &staff,
            actix_web::http::StatusCode::TOO_MANY_REQUESTS,
            FormErrors::general_text(message),
        );
    }
    let (matches, new_hash) = check_current(&state, &staff, &form).await?;
    let (id, session, new) = (
        staff.member.id,
        staff.token_hash.clone(),
        form.new_password.clone(),
    );
    let changed = super::write(&state, move |conn, _| {
        svc::change_own_password(conn, id, &session, matches, &new, new_hash)
    })
    .await?;
    match changed {
        Ok(()) => Ok(see_other("/admin/account?done=saved")),
        Err(errors) => {
            let errors = FormErrors::new(&errors, staff.tr(), &["currentPassword", "newPassword"]);
            password_refused(
                &staff,
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                errors,
            )
        }
    }
}
