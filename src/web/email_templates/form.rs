//! The email template form: what was typed, its localized rows, errors with the parse problem
//! next to the part that has it, the preview and the test email form.

use std::collections::BTreeMap;

use actix_web::web;
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::domain::email_template::{EmailTemplate, EmailTemplateInput, RenderedEmail};
use crate::domain::locale::LocalizedStrings;
use crate::domain::{FieldErrors, Kind};
use crate::web::{Ctx, FormErrors};

/// Fields the template form shows errors for.
const FIELDS: &[&str] = &[
    "name",
    "defaultSubject",
    "defaultHtmlTemplate",
    "defaultTextTemplate",
    "defaultFromName",
    "fromEmail",
    "localizedSubjects",
    "localizedHtmlTemplates",
    "localizedTextTemplates",
    "localizedFromNames",
    "localized",
];

/// The localized maps, as the form shows them.
const MAPS: [&str; 4] = [
    "localizedSubjects",
    "localizedHtmlTemplates",
    "localizedTextTemplates",
    "localizedFromNames",
];

/// The form as typed. Each translation row repeats `loc_locale`, `loc_subject`, `loc_html`,
/// `loc_text` and `loc_from_name`; `preview` is the name of the preview button.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TemplateForm {
    pub name: String,
    pub default_subject: String,
    pub default_html: String,
    pub default_text: String,
    pub default_from_name: String,
    pub from_email: String,
    loc_locale: Vec<String>,
    loc_subject: Vec<String>,
    loc_html: Vec<String>,
    loc_text: Vec<String>,
    loc_from_name: Vec<String>,
    preview: String,
    pub preview_locale: String,
    /// The definition whose names the preview shows; empty for the samples.
    pub preview_action: String,
}

/// The test email form.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TestForm {
    pub to: String,
    pub locale: String,
}

/// One translation row.
pub struct LocalizedRow {
    pub locale: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    pub from_name: String,
    pub subject_problem: String,
    pub html_problem: String,
    pub text_problem: String,
}

fn nth(list: &[String], i: usize) -> String {
    list.get(i).cloned().unwrap_or_default()
}

impl TemplateForm {
    pub fn from_template(t: &EmailTemplate) -> TemplateForm {
        let s = &t.spec;
        let locales: Vec<String> = s.locales().into_iter().map(str::to_string).collect();
        let column = |map: &LocalizedStrings| -> Vec<String> {
            locales
                .iter()
                .map(|l| map.get(l).cloned().unwrap_or_default())
                .collect()
        };
        TemplateForm {
            name: s.name.clone(),
            default_subject: s.default_subject.clone(),
            default_html: s.default_html_template.clone(),
            default_text: s.default_text_template.clone(),
            default_from_name: s.default_from_name.clone().unwrap_or_default(),
            from_email: s.from_email.clone().unwrap_or_default(),
            loc_subject: column(&s.localized_subjects),
            loc_html: column(&s.localized_html_templates),
            loc_text: column(&s.localized_text_templates),
            loc_from_name: column(&s.localized_from_names),
            loc_locale: locales,
            preview: String::new(),
            preview_locale: String::new(),
            preview_action: String::new(),
        }
    }

    pub fn wants_preview(&self) -> bool {
        !self.preview.is_empty()
    }

    /// (locale, subject, html, text, from name) of each row that has anything typed.
    fn typed_rows(&self) -> Vec<[String; 5]> {
        let count = self.loc_locale.len();
        (0..count)
            .map(|i| {
                [
                    nth(&self.loc_locale, i).trim().to_string(),
                    nth(&self.loc_subject, i),
                    nth(&self.loc_html, i),
                    nth(&self.loc_text, i),
                    nth(&self.loc_from_name, i),
                ]
            })
            .filter(|row| row.iter().any(|v| !v.trim().is_empty()))
            .collect()
    }

    /// The API input, and a row with text but no language as an error.
    pub fn input(&self) -> (EmailTemplateInput, FieldErrors) {
        let mut errors = FieldErrors::new();
        let mut maps: [LocalizedStrings; 4] = Default::default();
        for row in self.typed_rows() {
            let [locale, parts @ ..] = row;
            if locale.is_empty() {
                errors.add(Kind::Missing, "emailTemplate.localized");
                continue;
            }
            for (map, value) in maps.iter_mut().zip(parts) {
                if !value.trim().is_empty() {
                    map.insert(locale.clone(), value);
                }
            }
        }
        let [subjects, html, text, from_names] = maps;
        let input = EmailTemplateInput {
            name: Some(self.name.clone()),
            default_subject: Some(self.default_subject.clone()),
            default_html_template: Some(self.default_html.clone()),
            default_text_template: Some(self.default_text.clone()),
            default_from_name: Some(self.default_from_name.clone()),
            from_email: Some(self.from_email.clone()),
            localized_subjects: Some(subjects),
            localized_html_templates: Some(html),
            localized_text_templates: Some(text),
            localized_from_names: Some(from_names),
        };
        (input, errors)
    }
}

/// The parse problems of template parts, localized, keyed by field (`defaultSubject`) or by
/// field and locale (`localizedSubjects:de`). The domain's message ends in the parser's own
/// description of what is wrong and where.
fn problems(errors: &FieldErrors, ctx: &Ctx) -> BTreeMap<String, String> {
    const MARK: &str = " is not a valid template: ";
    let mut out = BTreeMap::new();
    for (path, list) in &errors.field_errors {
        let field = path.split_once('.').map_or(path.as_str(), |(_, f)| f);
        for e in list {
            let Some((head, detail)) = e.message.split_once(MARK) else {
                continue;
            };
            let detail = detail.trim_end_matches('.');
            let key = match head
                .strip_prefix("The [")
                .and_then(|rest| rest.split_once(']'))
            {
                Some((locale, _)) => format!("{field}:{locale}"),
                None => field.to_string(),
            };
            out.insert(key, ctx.tr.t1("templates-parse-error", "problem", detail));
        }
    }
    out
}

#[derive(Template)]
#[template(path = "admin/email_templates/form.html")]
pub struct FormPage {
    pub ctx: Ctx,
    /// `None` for a new template.
    pub id: Option<Uuid>,
    pub form: TemplateForm,
    pub rows: Vec<LocalizedRow>,
    pub errors: FormErrors,
    problems: BTreeMap<String, String>,
    /// (tag, label) for the preview and test language choices; "" is the default parts.
    pub languages: Vec<(String, String)>,
    pub preview: Option<RenderedEmail>,
    /// (id, name) of the definitions a preview can show.
    pub actions: Vec<(String, String)>,
    pub test: TestForm,
    pub test_errors: FormErrors,
    /// Whether a server-wide SMTP server is configured (test emails use it).
    pub smtp: bool,
}

impl FormPage {
    pub fn new(
        ctx: Ctx,
        state: &web::Data<AppState>,
        id: Option<Uuid>,
        form: TemplateForm,
    ) -> FormPage {
        let mut languages = vec![(String::new(), ctx.tr.t("templates-language-default"))];
        let catalog = ctx.tr.catalog();
        for lang in catalog.languages() {
            let label = format!("{} ({lang})", catalog.format(lang, "language-name", None));
            languages.push((lang.to_string(), label));
        }
        for row in form.typed_rows() {
            let tag = &row[0];
            if !tag.is_empty() && !languages.iter().any(|(l, _)| l == tag) {
                languages.push((tag.clone(), tag.clone()));
            }
        }
        let mut page = FormPage {
            id,
            rows: Vec::new(),
            errors: FormErrors::none(),
            problems: BTreeMap::new(),
            languages,
            preview: None,
            actions: Vec::new(),
            test: TestForm::default(),
            test_errors: FormErrors::none(),
            smtp: state.outbound.server_smtp,
            ctx,
            form,
        };
        page.build_rows();
        page
    }

    fn build_rows(&mut self) {
        let mut rows: Vec<LocalizedRow> = self
            .form
            .typed_rows()
            .into_iter()
            .map(|[locale, subject, html, text, from_name]| LocalizedRow {
                subject_problem: self.problem(&format!("localizedSubjects:{locale}")),
                html_problem: self.problem(&format!("localizedHtmlTemplates:{locale}")),
                text_problem: self.problem(&format!("localizedTextTemplates:{locale}")),
                locale,
                subject,
                html,
                text,
                from_name,
            })
            .collect();
        rows.push(LocalizedRow {
            locale: String::new(),
            subject: String::new(),
            html: String::new(),
            text: String::new(),
            from_name: String::new(),
            subject_problem: String::new(),
            html_problem: String::new(),
            text_problem: String::new(),
        });
        self.rows = rows;
    }

    /// Shows validation errors next to their fields, with parse problems spelled out.
    pub fn show_errors(&mut self, errors: &FieldErrors) {
        self.errors = FormErrors::new(errors, &self.ctx.tr, FIELDS);
        self.problems = problems(errors, &self.ctx);
        self.build_rows();
    }

    pub fn show_test_errors(&mut self, errors: &FieldErrors, test: TestForm) {
        self.test_errors = FormErrors::new(errors, &self.ctx.tr, &["to", "locale", "smtp"]);
        self.test = test;
    }

    fn problem(&self, key: &str) -> String {
        self.problems.get(key).cloned().unwrap_or_default()
    }

    /// The error of a default part: the localized message and the parse problem.
    pub fn err(&self, field: &str) -> String {
        let problem = self.problem(field);
        let generic = self.errors.of(field);
        match (generic.is_empty(), problem.is_empty()) {
            (_, true) => generic,
            (true, false) => problem,
            (false, false) => format!("{generic} {problem}"),
        }
    }

    /// Errors about the translations as a whole (a language twice, a blank value…).
    pub fn map_errors(&self) -> Vec<String> {
        MAPS.iter()
            .filter(|f| self.errors.has(f))
            .map(|f| self.errors.of(f))
            .collect()
    }
}
