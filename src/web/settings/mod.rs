//! Settings for administrators: tenants, applications, API keys, signing keys and staff members.

mod api_keys;
mod applications;
mod shown_once;
mod signing_keys;
mod staff;
mod tenants;

use actix_web::{web, HttpResponse};
use askama::Template;
use uuid::Uuid;

use super::{read, render, Admin, Choice, Ctx, PageError, Staff};
use crate::app::AppState;
use crate::domain::tenant::Tenant;
use crate::domain::{FieldErrors, Kind};
use crate::service::{api_keys as keys, applications as apps, staff as members, tenants as ts};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings", web::get().to(index))
        .configure(tenants::routes)
        .configure(applications::routes)
        .configure(api_keys::routes)
        .configure(signing_keys::routes)
        .configure(staff::routes);
}

/// The navigation entry of every settings page.
const SECTION: &str = "settings";

#[derive(Template)]
#[template(path = "admin/settings/index.html")]
struct IndexPage {
    ctx: Ctx,
    tenants: usize,
    applications: usize,
    api_keys: usize,
    signing_keys: usize,
    staff: usize,
}

async fn index(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let (tenants, applications, api_keys, signing_keys, members) = read(&state, |conn, _| {
        let applications =
            apps::list(conn, None, true)?.len() + apps::list(conn, None, false)?.len();
        Ok((
            ts::list(conn)?.len(),
            applications,
            keys::list(conn)?.len(),
            crate::service::signing_keys::list(conn)?.len(),
            members::list(conn)?.len(),
        ))
    })
    .await?;
    render(&IndexPage {
        ctx: staff.ctx(SECTION),
        tenants,
        applications,
        api_keys,
        signing_keys,
        staff: members,
    })
}

fn tenant_choices(tenants: &[Tenant]) -> Vec<Choice> {
    tenants
        .iter()
        .map(|t| Choice::new(t.id.to_string(), t.name.clone()))
        .collect()
}

/// The name of tenant `id` among `tenants`, or the id itself.
fn tenant_name(tenants: &[Tenant], id: Uuid) -> String {
    tenants
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// An optional id typed or chosen in a form; a malformed one is an `[invalid]` error on `field`.
fn form_id(text: &str, field: &str, errors: &mut FieldErrors) -> Option<Uuid> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match Uuid::parse_str(text) {
        Ok(id) => Some(id),
        Err(_) => {
            errors.add(Kind::Invalid, field);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_ids_are_optional_and_malformed_ones_are_errors() {
        let mut errors = FieldErrors::new();
        assert_eq!(form_id("  ", "x.tenantId", &mut errors), None);
        assert!(errors.is_empty());
        let id = Uuid::new_v4();
        assert_eq!(
            form_id(&format!(" {id} "), "x.tenantId", &mut errors),
            Some(id)
        );
        assert_eq!(form_id("nope", "x.tenantId", &mut errors), None);
        assert!(errors.has("x.tenantId"));
    }
}
