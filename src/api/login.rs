//! `POST /api/login`: password login, refused while an action prevents it.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use utoipa::ToSchema;

use super::auth::TenantKey;
use super::error::ApiError;
use super::extract::Body;
use super::route::{op, Api};
use super::users::UserWire;
use super::{read, write_locking};
use crate::app::AppState;
use crate::service::login::{self as svc, LoginOutcome, LoginRequest, PreventingAction};
use crate::service::runner::Lock;

pub fn declare(api: &mut Api) {
    api.tag("Login").post(
        "/login",
        login,
        op(
            "login",
            "Log in with a password: 200, 404 (unknown user or wrong password), 409 (prevented by \
             an action), 423 (deactivated user)",
        )
        .ok::<LoginResponse>()
        .error_body::<LoginPreventedResponse>(
            409,
            "Login prevented by current instances of `preventLogin` definitions.",
        )
        .errors(&[404, 423]),
    );
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = LoginRequest)]
pub struct LoginInput {
    #[schema(value_type = String, min_length = 1, pattern = r"\S")]
    login_id: Option<String>,
    #[schema(value_type = String, min_length = 1, pattern = r"\S")]
    password: Option<String>,
    application_id: Option<Uuid>,
}

impl LoginInput {
    /// The service's request, from the client at `ip_address`.
    fn into_request(self, ip_address: Option<String>) -> LoginRequest {
        LoginRequest {
            login_id: self.login_id,
            password: self.password,
            application_id: self.application_id,
            ip_address,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub token: String,
    pub token_expiration_instant: i64,
    pub user: UserWire,
}

/// The 409 body of a login prevented by an action.
#[derive(Serialize, ToSchema)]
pub struct LoginPreventedResponse {
    pub actions: Vec<PreventingAction>,
}

async fn login(
    state: web::Data<AppState>,
    key: TenantKey,
    req: actix_web::HttpRequest,
    body: Body<LoginInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.whole("login")?;
    let app = state.get_ref().clone();
    let request = input.into_request(state.client_ip(&req));
    // The password check (argon2, slow) runs on a read connection; only recording the outcome
    // goes through the writer.
    let (tenant_id, credentials, request) = read(&state, move |conn, _| {
        let scope = key.tenant(conn)?;
        let (tenant_id, credentials) = svc::check_credentials(conn, scope, &request)?;
        Ok((tenant_id, credentials, request))
    })
    .await?;
    // A wrong password may lock the user out: its batch holds the user's lock from the start,
    // in the one order every batch locks in.
    let locks = match credentials {
        svc::Credentials::WrongPassword(user) => vec![Lock::User(user)],
        _ => vec![],
    };
    let outcome = write_locking(&state, &locks, move |conn, now| {
        Ok(svc::complete_login(
            conn,
            now,
            &app.outbound,
            tenant_id,
            credentials,
            request,
        )?)
    })
    .await?;
    Ok(answer(outcome))
}

/// The login's outcome as FusionAuth answers it.
fn answer(outcome: LoginOutcome) -> HttpResponse {
    match outcome {
        LoginOutcome::Success {
            token,
            expires,
            user,
        } => HttpResponse::Ok().json(LoginResponse {
            token,
            token_expiration_instant: expires,
            user: UserWire::from(user.as_ref()),
        }),
        LoginOutcome::NotFound => HttpResponse::NotFound().finish(),
        LoginOutcome::Deactivated => {
            HttpResponse::build(actix_web::http::StatusCode::LOCKED).finish()
        }
        LoginOutcome::Prevented(actions) => {
            HttpResponse::Conflict().json(LoginPreventedResponse { actions })
        }
    }
}
