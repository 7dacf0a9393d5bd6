//! The start page after sign-in.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::{render, Anyone, Ctx, PageError, Staff};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

#[derive(Template)]
#[template(path = "admin/home.html")]
struct HomePage {
    ctx: Ctx,
}

async fn home(staff: Staff<Anyone>) -> Result<HttpResponse, PageError> {
    render(&HomePage {
        ctx: staff.ctx("home"),
    })
}
