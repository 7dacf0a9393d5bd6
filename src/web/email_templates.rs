//! Admin pages: email_templates (being built).

use actix_web::web;

pub fn routes(_cfg: &mut web::ServiceConfig) {}
