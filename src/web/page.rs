//! What every page carries (`Ctx`) and how form errors are shown next to their fields.

use std::collections::BTreeMap;

use actix_web::http::header::{AcceptLanguage, Header, Preference, Quality};
use actix_web::{web, HttpRequest};
use chrono_tz::Tz;

use crate::app::AppState;
use crate::domain::staff::{Area, StaffMember};
use crate::domain::{FieldErrors, Kind};
use crate::i18n::{Catalog, Tr};

/// Outcomes a redirect may announce on the next page (`?done=saved`), as message ids.
const NOTICES: &[&str] = &[
    "created",
    "saved",
    "deleted",
    "deactivated",
    "reactivated",
    "applied",
    "modified",
    "cancelled",
    "recorded",
    "sent",
    "replayed",
    "signed-out",
    "imported",
];

/// The context of one page: language, who is signed in, the CSRF token for its forms.
#[derive(Clone)]
pub struct Ctx {
    pub tr: Tr,
    pub member: Option<StaffMember>,
    pub csrf: String,
    /// The navigation entry to highlight.
    pub section: &'static str,
    /// A localized confirmation of what the last form did.
    pub notice: Option<String>,
}

impl Ctx {
    /// For a visitor who is not signed in: `Accept-Language`, UTC, the CSRF cookie's token.
    pub fn anonymous(req: &HttpRequest) -> Ctx {
        let catalog = match req.app_data::<web::Data<AppState>>() {
            Some(state) => state.locales.current(),
            None => std::sync::Arc::new(Catalog::embedded()),
        };
        let lang = negotiate(&catalog, None, req);
        let csrf = req
            .cookie(super::session::CSRF_COOKIE)
            .map(|c| c.value().to_string())
            .unwrap_or_default();
        Ctx {
            tr: Tr::new(catalog, &lang, Tz::UTC),
            member: None,
            csrf,
            section: "",
            notice: notice(req),
        }
    }

    pub fn section(mut self, section: &'static str) -> Ctx {
        self.section = section;
        self
    }

    /// Whether the signed-in member may use `area` ("support", "admin", "translations"), for
    /// showing navigation; the routes enforce it on the server.
    pub fn can(&self, area: &str) -> bool {
        let area = match area {
            "support" => Area::Support,
            "admin" => Area::Admin,
            "translations" => Area::Translations,
            _ => Area::Account,
        };
        self.member.as_ref().is_some_and(|m| m.role.reaches(area))
    }
}

/// The language for a page: the member's choice, else `Accept-Language`, else `en`.
pub fn negotiate(catalog: &Catalog, chosen: Option<&str>, req: &HttpRequest) -> String {
    if let Some(lang) = chosen.and_then(|c| catalog.supported(c)) {
        return lang.to_string();
    }
    // Ranked by weight, equal weights in the header's order; `q=0` refuses a language and
    // `*` names none.
    let ranked = AcceptLanguage::parse(req)
        .map(|h| {
            let wanted = h.0.into_iter().filter(|q| q.quality > Quality::ZERO);
            AcceptLanguage(wanted.collect()).ranked()
        })
        .unwrap_or_default();
    ranked
        .iter()
        .filter_map(|p| match p {
            Preference::Specific(tag) => Some(tag.as_str()),
            Preference::Any => None,
        })
        .find_map(|tag| catalog.supported(tag))
        .unwrap_or(crate::i18n::DEFAULT_LANGUAGE)
        .to_string()
}

fn notice(req: &HttpRequest) -> Option<String> {
    let query = web::Query::<BTreeMap<String, String>>::from_query(req.query_string()).ok()?;
    let done = query.get("done")?;
    NOTICES
        .iter()
        .find(|n| **n == done.as_str())
        .map(|n| format!("notice-{n}"))
}

/// Localizes the notice id that `Ctx` holds (kept as an id until the language is known).
pub(crate) fn localize_notice(ctx: &mut Ctx) {
    if let Some(id) = ctx.notice.take() {
        ctx.notice = Some(ctx.tr.t(&id));
    }
}

/// Field errors of a form, localized, keyed by the form's field names.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    fields: BTreeMap<String, Vec<String>>,
    general: Vec<String>,
}

impl FormErrors {
    pub fn none() -> FormErrors {
        FormErrors::default()
    }

    /// Localizes `errors`. A service names fields like `userActionReason.text`; the form's
    /// field is the part after the first dot. Errors of fields the form does not show
    /// (`known`) are listed at the top so nothing goes unsaid.
    pub fn new(errors: &FieldErrors, tr: &Tr, known: &[&str]) -> FormErrors {
        let mut out = FormErrors::default();
        for (path, list) in &errors.field_errors {
            let field = path.split_once('.').map_or(path.as_str(), |(_, rest)| rest);
            for e in list {
                let kind = e.kind().unwrap_or(Kind::Invalid);
                let id = format!("form-error-{}", kind.as_str());
                let message = if tr.catalog().has("en", &id) {
                    tr.t(&id)
                } else {
                    tr.t("form-error-invalid")
                };
                if known.contains(&field) || known.contains(&path.as_str()) {
                    let key = if known.contains(&field) { field } else { path };
                    out.fields.entry(key.to_string()).or_default().push(message);
                } else {
                    out.general.push(tr.t2(
                        "form-error-other-field",
                        "field",
                        field,
                        "message",
                        &message,
                    ));
                }
            }
        }
        for e in &errors.general_errors {
            out.general.push(e.message.clone());
        }
        out
    }

    /// A single error for the whole form (message id).
    pub fn general(tr: &Tr, id: &str) -> FormErrors {
        FormErrors {
            fields: BTreeMap::new(),
            general: vec![tr.t(id)],
        }
    }

    /// A single error for the whole form, already localized.
    pub fn general_text(message: String) -> FormErrors {
        FormErrors {
            fields: BTreeMap::new(),
            general: vec![message],
        }
    }

    /// A message for `field` that says more than its kind (already localized); it replaces
    /// the field's generic one.
    pub fn replace(&mut self, field: &str, message: String) {
        self.fields.insert(field.to_string(), vec![message]);
    }

    pub fn any(&self) -> bool {
        !self.fields.is_empty() || !self.general.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    /// The messages for `field`, joined; empty when it has none.
    pub fn of(&self, field: &str) -> String {
        self.fields
            .get(field)
            .map(|l| l.join(" "))
            .unwrap_or_default()
    }

    pub fn top(&self) -> &[String] {
        &self.general
    }
}

/// An address no page has: 404, in the signed-in member's language and with their navigation
/// (the session is read for that alone), else in the browser's.
pub async fn not_found(req: HttpRequest) -> Result<actix_web::HttpResponse, super::PageError> {
    use actix_web::FromRequest;
    // Signed in or not, the answer is the same 404; the session only dresses the page.
    let _ = super::Staff::<super::Anyone>::extract(&req).await;
    Err(super::PageError::NotFound)
}

/// One entry of a `<select>` or a group of radios: the value sent, the label shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// One of a group of checkboxes, or of a select's options: ticked when it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

impl Tick {
    /// `options` as (value, label), ticked where `chosen` (as typed) holds the value.
    pub fn all(
        options: impl IntoIterator<Item = (String, String)>,
        chosen: &[String],
    ) -> Vec<Tick> {
        options
            .into_iter()
            .map(|(value, label)| Tick {
                checked: chosen.iter().any(|c| c.trim() == value),
                value,
                label,
            })
            .collect()
    }
}

/// What a query value keeps as typed: unreserved characters, and `/` so a path reads as one.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// A query value, percent-encoded for a link.
pub fn url_encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY_VALUE).to_string()
}
