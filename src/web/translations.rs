//! Translations (translators and administrators): progress per language for UI strings and
//! data, locale file errors, and a side-by-side editor for data translations.

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{form_again, read, render, see_other, write, Ctx, Form, PageError, Staff, Translator};
use crate::app::AppState;
use crate::domain::email_template::EmailTemplateInput;
use crate::domain::locale::{is_valid_tag, match_key};
use crate::domain::FieldErrors;
use crate::i18n::catalog::{FileError, FILES};
use crate::i18n::check::{ui_progress, Issue, UiProgress};
use crate::i18n::edit::{ui_strings, UiChange, UiString};
use crate::i18n::Tr;
use crate::i18n::DEFAULT_LANGUAGE;
use crate::service::email_templates;
use crate::service::translations::ui::{self as ui_svc, UiSaved};
use crate::service::translations::{self as svc, Change, DataError, Item, ItemKind, Problem};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/translations", web::get().to(overview))
        .route("/translations/{lang}/data", web::get().to(edit))
        .route("/translations/{lang}/data", web::post().to(save))
        .route("/translations/{lang}/ui/{file}", web::get().to(edit_ui))
        .route("/translations/{lang}/ui/{file}", web::post().to(save_ui));
}

/// Progress of one language, UI strings and data.
pub struct LangRow {
    /// The language's own name, from its locale files (the tag when it has none).
    pub name: String,
    pub ui: UiProgress,
    pub data_done: usize,
    pub data_total: usize,
    /// Data items without a translation: (kind message id, label, reference).
    pub data_missing: Vec<(String, String)>,
    /// Interface strings the language lacks, and those still in English: (id, English text).
    pub ui_missing: Vec<(String, String)>,
    pub ui_untranslated: Vec<(String, String)>,
}

impl LangRow {
    pub fn ui_percent(&self) -> usize {
        percent(self.ui.translated, self.ui.total)
    }
    pub fn data_percent(&self) -> usize {
        percent(self.data_done, self.data_total)
    }
}

fn percent(done: usize, total: usize) -> usize {
    (done * 100).checked_div(total).unwrap_or(100)
}

#[derive(Template)]
#[template(path = "admin/translations/index.html")]
struct OverviewPage {
    ctx: Ctx,
    rows: Vec<LangRow>,
    errors: Vec<FileError>,
    /// The locale files a translator can edit here.
    files: &'static [&'static str],
}

/// The kind of an item, as a message id.
fn kind_id(kind: ItemKind) -> String {
    format!("translations-kind-{}", kind.name())
}

async fn overview(
    state: web::Data<AppState>,
    staff: Staff<Translator>,
) -> Result<HttpResponse, PageError> {
    let items = read(&state, |conn, _| svc::items(conn)).await?;
    let catalog = state.locales.current();
    let tr = staff.tr();
    let ui_langs = catalog.languages();
    let rows = svc::languages(&items, &ui_langs)
        .into_iter()
        .map(|lang| {
            let (data_done, data_total) = svc::progress(&items, &lang);
            let data_missing = items
                .iter()
                .filter(|i| i.translation(&lang).is_none())
                .map(|i| (tr.t(&kind_id(i.kind)), reference_line(i)))
                .collect();
            let name = if catalog.has(&lang, "language-name") {
                catalog.format(&lang, "language-name", None)
            } else {
                lang.clone()
            };
            let ui = ui_progress(catalog.sources(), &lang);
            let english = |ids: &[String]| -> Vec<(String, String)> {
                ids.iter()
                    .map(|id| (id.clone(), catalog.format(DEFAULT_LANGUAGE, id, None)))
                    .collect()
            };
            LangRow {
                name,
                ui_missing: english(&ui.missing),
                ui_untranslated: english(&ui.untranslated),
                ui,
                data_done,
                data_total,
                data_missing,
            }
        })
        .collect();
    render(&OverviewPage {
        ctx: staff.ctx("translations"),
        rows,
        errors: catalog.errors().to_vec(),
        files: &FILES,
    })
}

/// The reference text of an item on one line, shortened, for lists.
fn reference_line(item: &Item) -> String {
    let line: String = item
        .reference
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match line.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

/// One row of the editor.
pub struct Row {
    pub key: String,
    pub kind: String,
    pub label: String,
    pub reference: String,
    pub value: String,
    pub pattern: bool,
    pub multiline: bool,
    pub error: String,
    /// For email template parts: the part rendered with sample values.
    pub preview: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/translations/data.html")]
struct EditPage {
    ctx: Ctx,
    lang: String,
    rows: Vec<Row>,
    any_error: bool,
}

/// A language in a path: a valid tag other than the reference.
fn path_lang(raw: &str) -> Result<String, PageError> {
    if is_valid_tag(raw) && match_key(raw) != crate::i18n::DEFAULT_LANGUAGE {
        Ok(raw.to_string())
    } else {
        Err(PageError::NotFound)
    }
}

/// The editor as typed: repeated `key`/`value` pairs.
#[derive(Deserialize, Default)]
#[serde(default)]
struct DataForm {
    key: Vec<String>,
    value: Vec<String>,
}

impl DataForm {
    fn typed(&self) -> BTreeMap<String, String> {
        self.key
            .iter()
            .cloned()
            .zip(self.value.iter().cloned())
            .collect()
    }
}

fn problem_text(tr: &Tr, problem: &Problem) -> String {
    match problem {
        Problem::UnknownId => tr.t("translations-problem-unknown-id"),
        Problem::UnknownVariable(v) => tr.t1("translations-problem-unknown-variable", "name", v),
        Problem::MissingVariable(v) => tr.t1("translations-problem-missing-variable", "name", v),
        Problem::Placeable => tr.t("translations-problem-placeable"),
        Problem::Syntax(d) => tr.t1("translations-problem-syntax", "detail", d),
        Problem::Rejected(d) => tr.t1("translations-problem-rejected", "detail", d),
    }
}

/// One part of an email template: its reference text, what was typed for the language, its key.
struct Part {
    reference: String,
    typed: String,
    key: String,
}

impl Part {
    fn of(item: &Item, values: &BTreeMap<String, String>) -> Part {
        let typed = values
            .get(&item.key)
            .map(String::as_str)
            .unwrap_or_default();
        Part {
            reference: item.reference.clone(),
            typed: typed.to_string(),
            key: item.key.clone(),
        }
    }
}

/// A template of the reference parts, with the parts typed for `lang` as its translation.
fn preview_input([subject, html, text]: [&Part; 3], lang: &str) -> EmailTemplateInput {
    let localized = |typed: &str| {
        (!typed.trim().is_empty()).then(|| {
            [(lang.to_string(), typed.to_string())]
                .into_iter()
                .collect()
        })
    };
    EmailTemplateInput {
        name: Some("preview".into()),
        default_subject: Some(subject.reference.clone()),
        default_html_template: Some(html.reference.clone()),
        default_text_template: Some(text.reference.clone()),
        localized_subjects: localized(&subject.typed),
        localized_html_templates: localized(&html.typed),
        localized_text_templates: localized(&text.typed),
        ..Default::default()
    }
}

/// Renders every template part with sample values for `lang`, using `values` for that language.
fn previews(
    items: &[Item],
    values: &BTreeMap<String, String>,
    lang: &str,
    now: i64,
    base_url: &str,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut templates: Vec<uuid::Uuid> = items
        .iter()
        .filter(|i| i.kind.is_pattern())
        .map(|i| i.owner)
        .collect();
    templates.dedup();
    for owner in templates {
        let parts: Vec<&Item> = items.iter().filter(|i| i.owner == owner).collect();
        let part = |kind: ItemKind| {
            let item = parts.iter().find(|i| i.kind == kind)?;
            Some(Part::of(item, values))
        };
        let (Some(subject), Some(html), Some(text)) = (
            part(ItemKind::TemplateSubject),
            part(ItemKind::TemplateHtml),
            part(ItemKind::TemplateText),
        ) else {
            continue;
        };
        let input = preview_input([&subject, &html, &text], lang);
        let preview = email_templates::preview(input, Some(lang.to_string()), now, base_url);
        out.insert(subject.key, preview.email.subject);
        out.insert(html.key, preview.email.html);
        out.insert(text.key, preview.email.text);
    }
    out
}

fn rows(
    tr: &Tr,
    items: &[Item],
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, Vec<String>>,
    previews: &BTreeMap<String, String>,
) -> Vec<Row> {
    items
        .iter()
        .map(|i| {
            let value = values.get(&i.key).cloned().unwrap_or_default();
            let mut error = errors.get(&i.key).cloned().unwrap_or_default();
            if error.is_empty() && i.kind.is_pattern() && !value.trim().is_empty() {
                error = svc::placeable_problems(&i.reference, &value)
                    .iter()
                    .map(|p| problem_text(tr, p))
                    .collect();
            }
            Row {
                key: i.key.clone(),
                kind: tr.t(&kind_id(i.kind)),
                label: i.label.clone(),
                reference: i.reference.clone(),
                pattern: i.kind.is_pattern(),
                multiline: i.kind == ItemKind::TemplateHtml || i.kind == ItemKind::TemplateText,
                value,
                error: error.join(" "),
                preview: previews.get(&i.key).cloned(),
            }
        })
        .collect()
}

fn edit_page(
    staff: &Staff<Translator>,
    state: &AppState,
    lang: &str,
    items: &[Item],
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, Vec<String>>,
) -> EditPage {
    let previews = previews(items, values, lang, state.now(), &state.config.base_url);
    EditPage {
        rows: rows(staff.tr(), items, values, errors, &previews),
        ctx: staff.ctx("translations"),
        lang: lang.to_string(),
        any_error: !errors.is_empty(),
    }
}

async fn edit(
    state: web::Data<AppState>,
    staff: Staff<Translator>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let lang = path_lang(&path)?;
    let items = read(&state, |conn, _| svc::items(conn)).await?;
    let values = items
        .iter()
        .filter_map(|i| Some((i.key.clone(), i.translation(&lang)?.to_string())))
        .collect();
    render(&edit_page(
        &staff,
        &state,
        &lang,
        &items,
        &values,
        &BTreeMap::new(),
    ))
}

/// A refusal of the whole save, in the service's words, on no key.
fn rejected(lang: &str, errors: &FieldErrors) -> DataError {
    DataError {
        key: String::new(),
        lang: lang.to_string(),
        line: 0,
        problem: Problem::Rejected(errors.messages()),
    }
}

/// The problems in the reader's language, by the key they concern.
fn problems_by_key(tr: &Tr, errors: &[DataError]) -> BTreeMap<String, Vec<String>> {
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in errors {
        by_key
            .entry(e.key.clone())
            .or_default()
            .push(problem_text(tr, &e.problem));
    }
    by_key
}

async fn save(
    state: web::Data<AppState>,
    staff: Staff<Translator>,
    path: web::Path<String>,
    Form(form): Form<DataForm>,
) -> Result<HttpResponse, PageError> {
    let lang = path_lang(&path)?;
    let typed = form.typed();
    let changes: Vec<Change> = typed
        .iter()
        .map(|(key, value)| Change {
            key: key.clone(),
            lang: lang.clone(),
            value: value.clone(),
            line: 0,
        })
        .collect();
    let outcome = write(&state, move |conn, now| {
        svc::apply(conn, now, &changes, false)
    })
    .await?;
    let errors: Vec<DataError> = match outcome {
        Ok(Ok(_)) => {
            return Ok(see_other(&format!(
                "/admin/translations/{lang}/data?done=saved"
            )))
        }
        Ok(Err(errors)) => errors,
        Err(field_errors) => vec![rejected(&lang, &field_errors)],
    };
    let by_key = problems_by_key(staff.tr(), &errors);
    let items = read(&state, |conn, _| svc::items(conn)).await?;
    form_again(&edit_page(&staff, &state, &lang, &items, &typed, &by_key))
}

#[derive(Template)]
#[template(path = "admin/translations/ui.html")]
struct UiPage {
    ctx: Ctx,
    lang: String,
    file: String,
    rows: Vec<UiString>,
    /// Problems by message id (`""` for the file as a whole), as `locales check` words them.
    problems: BTreeMap<String, Vec<String>>,
}

impl UiPage {
    fn problem(&self, id: &str) -> String {
        self.problems
            .get(id)
            .map(|p| p.join(" "))
            .unwrap_or_default()
    }
}

/// The language and locale file of a path: a translated language and one of the files.
fn path_file(lang: &str, file: &str) -> Result<(String, String), PageError> {
    let lang = path_lang(lang)?;
    if !ui_svc::is_ui_file(file) {
        return Err(PageError::NotFound);
    }
    Ok((lang, file.to_string()))
}

async fn edit_ui(
    state: web::Data<AppState>,
    staff: Staff<Translator>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let (lang, file) = path_file(&path.0, &path.1)?;
    let rows = ui_strings(state.locales.current().sources(), &lang, &file);
    render(&UiPage {
        ctx: staff.ctx("translations"),
        lang,
        file,
        rows,
        problems: BTreeMap::new(),
    })
}

/// The interface-string editor as typed: repeated `id`/`value`, and the ids marked the same as
/// in English.
#[derive(Deserialize, Default)]
#[serde(default)]
struct UiForm {
    id: Vec<String>,
    value: Vec<String>,
    same: Vec<String>,
}

impl UiForm {
    /// Puts what was typed into `rows`; returns only what the translator changed, since only
    /// that is rewritten.
    fn apply_to(&self, rows: &mut [UiString]) -> BTreeMap<String, UiChange> {
        let mut changes = BTreeMap::new();
        for (id, value) in self.id.iter().zip(&self.value) {
            let Some(row) = rows.iter_mut().find(|r| &r.id == id) else {
                continue;
            };
            let same = self.same.contains(id);
            let value = value.replace("\r\n", "\n");
            if row.value.as_deref().unwrap_or_default() != value.trim_end()
                || row.same_as_english != same
            {
                changes.insert(
                    id.clone(),
                    UiChange {
                        body: value.clone(),
                        same_as_english: same,
                    },
                );
            }
            row.value = Some(value);
            row.same_as_english = same;
        }
        changes
    }
}

/// The checker's findings by message id (`""` for the whole file).
fn issue_problems(tr: &Tr, issues: Vec<Issue>) -> BTreeMap<String, Vec<String>> {
    let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for issue in issues {
        let id = issue.id.clone().unwrap_or_default();
        let id = id.split('.').next().unwrap_or_default().to_string();
        // The kind in the reader's language; the detail is the checker's own words.
        let kind = tr.t(&format!("translations-issue-{}", issue.kind_name()));
        let text = format!("{kind} ({}:{}: {})", issue.file, issue.line, issue.message);
        problems.entry(id).or_default().push(text);
    }
    problems
}

async fn save_ui(
    state: web::Data<AppState>,
    staff: Staff<Translator>,
    path: web::Path<(String, String)>,
    Form(form): Form<UiForm>,
) -> Result<HttpResponse, PageError> {
    let (lang, file) = path_file(&path.0, &path.1)?;
    let mut rows = ui_strings(state.locales.current().sources(), &lang, &file);
    let changes = form.apply_to(&mut rows);
    let dir = state.config.locales_dir.clone();
    match ui_svc::save(&state.locales, &dir, &lang, &file, &changes) {
        Ok(UiSaved::Written) => Ok(see_other(&format!(
            "/admin/translations/{lang}/ui/{file}?done=saved"
        ))),
        Ok(UiSaved::Download(text)) => Ok(HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .insert_header((
                actix_web::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{lang}-{file}\""),
            ))
            .body(text)),
        Err(issues) => form_again(&UiPage {
            ctx: staff.ctx("translations"),
            lang,
            file,
            rows,
            problems: issue_problems(staff.tr(), issues),
        }),
    }
}
