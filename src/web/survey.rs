//! The happiness-survey fast path for support agents: find the user, (choose the survey,) pick
//! the answer, save, and start again with the next user.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    form_again, read, render, see_other, write, Ctx, Form, FormErrors, PageError, Staff, Support,
};
use crate::app::AppState;
use crate::domain::naming::Naming;
use crate::domain::user::User;
use crate::domain::user_action::UserAction;
use crate::service::insights::{self as svc, SurveyAnswer};
use crate::service::user_directory::{self, UserQuery};
use crate::service::{users, ServiceError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/survey", web::get().to(show))
        .route("/survey", web::post().to(record));
}

/// Fields the answer form shows errors for (after the service's `action.` prefix).
const FIELDS: &[&str] = &["option", "comment", "q"];
/// Users listed for a search.
const RESULTS: usize = 20;

/// A user as the fast path shows them.
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

impl Person {
    fn of(u: &User) -> Person {
        let name = u
            .full_name
            .clone()
            .or_else(|| {
                let parts: Vec<&str> = [u.first_name.as_deref(), u.last_name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            })
            .or_else(|| u.username.clone())
            .unwrap_or_default();
        Person {
            id: u.id,
            name,
            email: u.email.clone().unwrap_or_default(),
        }
    }
}

/// A survey with its options, named in the staff member's language.
pub struct Survey {
    pub id: Uuid,
    pub name: String,
    /// `(option name, label)`.
    pub options: Vec<(String, String)>,
}

impl Survey {
    pub fn of(a: &UserAction, lang: &str) -> Survey {
        let naming = Naming::for_language(lang, [], []);
        Survey {
            id: a.id,
            name: naming.action(a),
            options: a
                .spec
                .options
                .iter()
                .map(|o| (o.name.clone(), naming.option(a, &o.name)))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/survey/page.html")]
struct SurveyPage {
    ctx: Ctx,
    surveys: Vec<Survey>,
    /// Step 1: the search text, and what it found (`None`: nothing searched yet).
    q: String,
    results: Option<Vec<Person>>,
    /// Step 2/3: the user being asked.
    user: Option<Person>,
    /// The chosen survey, if any (always, when there is only one).
    chosen: Option<Uuid>,
    option: String,
    comment: String,
    errors: FormErrors,
    /// Whose answer was just recorded (after the form's redirect).
    recorded: Option<Person>,
}

impl SurveyPage {
    fn new(ctx: Ctx, surveys: Vec<Survey>) -> SurveyPage {
        SurveyPage {
            ctx,
            surveys,
            q: String::new(),
            results: None,
            user: None,
            chosen: None,
            option: String::new(),
            comment: String::new(),
            errors: FormErrors::none(),
            recorded: None,
        }
    }

    fn survey(&self) -> Option<&Survey> {
        self.surveys.iter().find(|s| Some(s.id) == self.chosen)
    }

    /// The query string that keeps the chosen survey across steps.
    fn keep_survey(&self) -> String {
        self.chosen
            .map(|id| format!("&survey={id}"))
            .unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SurveyQuery {
    q: String,
    user: String,
    survey: String,
    /// The user whose answer was just recorded.
    recorded: String,
}

/// The survey named in a request, or the only one there is.
fn choose(surveys: &[Survey], raw: &str) -> Option<Uuid> {
    match Uuid::parse_str(raw.trim()) {
        Ok(id) if surveys.iter().any(|s| s.id == id) => Some(id),
        _ if surveys.len() == 1 => surveys.first().map(|s| s.id),
        _ => None,
    }
}

/// The page both steps start from: every survey, with the one `survey` names (or the only one)
/// chosen.
async fn survey_page(
    state: &web::Data<AppState>,
    ctx: Ctx,
    survey: &str,
) -> Result<SurveyPage, PageError> {
    let lang = ctx.tr.lang.clone();
    let surveys = read(state, move |conn, _| {
        Ok(svc::surveys(conn)?
            .iter()
            .map(|a| Survey::of(a, &lang))
            .collect())
    })
    .await?;
    let mut page = SurveyPage::new(ctx, surveys);
    page.chosen = choose(&page.surveys, survey);
    Ok(page)
}

/// A user by the id typed or linked; `None` when it names nobody.
async fn find_user(state: &web::Data<AppState>, raw: &str) -> Result<Option<Person>, PageError> {
    let Ok(id) = Uuid::parse_str(raw.trim()) else {
        return Ok(None);
    };
    read(state, move |conn, _| match users::find(conn, None, id) {
        Ok(u) => Ok(Some(Person::of(&u))),
        Err(ServiceError::NotFound) => Ok(None),
        Err(e) => Err(e),
    })
    .await
}

fn unknown_user(page: &mut SurveyPage, typed: &str) {
    page.q = typed.to_string();
    page.errors = FormErrors::new(
        &crate::domain::FieldErrors::single(crate::domain::Kind::Invalid, "q"),
        &page.ctx.tr,
        FIELDS,
    );
}

async fn show(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    query: web::Query<SurveyQuery>,
) -> Result<HttpResponse, PageError> {
    let mut page = survey_page(&state, staff.ctx("survey"), &query.survey).await?;
    if page.ctx.notice.is_some() && !query.recorded.is_empty() {
        // "Recorded." says for whom, with a link to them.
        page.recorded = find_user(&state, &query.recorded).await?;
        if page.recorded.is_some() {
            page.ctx.notice = None;
        }
    }
    if !query.user.trim().is_empty() {
        match find_user(&state, &query.user).await? {
            Some(person) => page.user = Some(person),
            None => {
                unknown_user(&mut page, &query.user);
                return form_again(&page);
            }
        }
    } else if !query.q.trim().is_empty() {
        let text = query.q.clone();
        let found = read(&state, move |conn, _| {
            user_directory::search(
                conn,
                &UserQuery {
                    text,
                    page: 0,
                    per_page: RESULTS,
                },
            )
        })
        .await?;
        page.q = query.q.clone();
        page.results = Some(found.users.iter().map(|f| Person::of(&f.user)).collect());
    }
    render(&page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AnswerForm {
    user: String,
    survey: String,
    option: String,
    comment: String,
}

async fn record(
    state: web::Data<AppState>,
    staff: Staff<Support>,
    Form(form): Form<AnswerForm>,
) -> Result<HttpResponse, PageError> {
    let mut page = survey_page(&state, staff.ctx("survey"), &form.survey).await?;
    let Some(person) = find_user(&state, &form.user).await? else {
        unknown_user(&mut page, &form.user);
        return form_again(&page);
    };
    let answer = SurveyAnswer {
        user: Some(person.id),
        survey: page.chosen,
        option: form.option.clone(),
        comment: form.comment.clone(),
    };
    let (app, actioner) = (state.get_ref().clone(), staff.member.id);
    let saved = write(&state, move |conn, now| {
        svc::record_survey(conn, now, &app.outbound, actioner, answer)
    })
    .await?;
    match saved {
        Ok(instance) => Ok(see_other(&format!(
            "/admin/survey?done=recorded&survey={}&recorded={}",
            instance.user_action_id, instance.actionee_user_id
        ))),
        Err(errors) => {
            page.errors = FormErrors::new(&errors, &page.ctx.tr, FIELDS);
            page.user = Some(person);
            page.option = form.option;
            page.comment = form.comment;
            form_again(&page)
        }
    }
}
