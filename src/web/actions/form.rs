//! Creating and editing a definition: every field the API has, options and localized names as
//! editable rows, errors next to the fields, and everything typed kept when it is refused.

use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::duration::{self, Amount, LadderEditor, LadderFields, UNITS};
use super::errors::ActionErrors;
use crate::domain::email_template::EmailTemplate;
use crate::domain::lifecycle::{ActionKind, BeyondInput, Escalation, Reminder};
use crate::domain::locale::LocalizedStrings;
use crate::domain::tenant::Tenant;
use crate::domain::user_action::{
    ActionOption, UserAction, UserActionInput, UserActionSpec, TRANSACTION_TYPES,
};
use crate::domain::FieldErrors;
use crate::i18n::Tr;
use crate::service::runner::Connection;
use crate::service::user_actions as svc;
use crate::service::ServiceResult;
use crate::web::editor::{self, Editor};
use crate::web::form::{localized_rows, rows, LocalizedRow};
use crate::web::{checkbox, Admin, Choice, Ctx, Staff, Tick};

/// The form as typed. Options and localized names are repeated fields,
/// one value per row.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActionForm {
    name: String,
    #[serde(with = "checkbox")]
    temporal: bool,
    #[serde(with = "checkbox")]
    prevent_login: bool,
    #[serde(with = "checkbox")]
    send_end_event: bool,
    #[serde(with = "checkbox")]
    user_emailing_enabled: bool,
    #[serde(with = "checkbox")]
    user_notifications_enabled: bool,
    #[serde(with = "checkbox")]
    include_email_in_event_json: bool,
    start_email_template_id: String,
    modify_email_template_id: String,
    cancel_email_template_id: String,
    end_email_template_id: String,
    transaction_type: String,
    /// `all` or `chosen`.
    tenant_scope: String,
    tenant: Vec<String>,
    option_name: Vec<String>,
    /// One textarea per option: `tag = name` lines.
    option_localized: Vec<String>,
    locale: Vec<String>,
    localized: Vec<String>,
    /// Empty: from the definition's shape (new definitions only).
    kind: String,
    /// Reminder rows: how long before expiry, and an optional email template.
    reminder_amount: Vec<String>,
    reminder_unit: Vec<String>,
    reminder_template: Vec<String>,
    /// The escalation ladder: its window and one row per step.
    window_amount: String,
    window_unit: String,
    step_amount: Vec<String>,
    step_unit: Vec<String>,
}

fn id_text(id: Option<Uuid>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

/// A chosen id; a value that is no id (a tampered form) becomes the nil id, which names nothing,
/// so the service reports it next to its field like any unknown id.
fn chosen_id(value: &str) -> Option<Uuid> {
    let value = value.trim();
    (!value.is_empty()).then(|| Uuid::parse_str(value).unwrap_or(Uuid::nil()))
}

/// `tag = name` lines of an option's localized names, as shown in its textarea.
fn localized_lines(map: &LocalizedStrings) -> String {
    map.iter()
        .map(|(tag, name)| format!("{tag} = {name}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads `tag = name` lines; a line without `=` is a tag with a blank name, which the domain
/// reports.
fn parse_lines(text: &str) -> LocalizedStrings {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split_once('=') {
            Some((tag, name)) => (tag.trim().to_string(), name.trim().to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect()
}

/// Rows of a language-tag + name editor; a row with both empty is no row.
fn pairs(tags: &[String], names: &[String]) -> LocalizedStrings {
    tags.iter()
        .zip(names.iter())
        .filter(|(t, n)| !t.trim().is_empty() || !n.trim().is_empty())
        .map(|(t, n)| (t.trim().to_string(), n.clone()))
        .collect()
}

/// Stored reminders as the form's parallel fields: each one's amount, unit and template.
struct ReminderFields {
    amount: Vec<String>,
    unit: Vec<String>,
    template: Vec<String>,
}

impl ReminderFields {
    fn of(reminders: &[Reminder]) -> ReminderFields {
        let before: Vec<Amount> = reminders
            .iter()
            .map(|r| Amount::of(r.before_expiry))
            .collect();
        ReminderFields {
            amount: before.iter().map(|a| a.amount.clone()).collect(),
            unit: before.into_iter().map(|a| a.unit).collect(),
            template: reminders
                .iter()
                .map(|r| id_text(r.email_template_id))
                .collect(),
        }
    }
}

impl ActionForm {
    fn new_definition() -> ActionForm {
        ActionForm {
            send_end_event: true,
            transaction_type: "None".into(),
            tenant_scope: "all".into(),
            ..ActionForm::default()
        }
    }

    /// The form of a stored definition, as it would be typed.
    fn from_action(action: &UserAction) -> ActionForm {
        let s: &UserActionSpec = &action.spec;
        let ladder = LadderFields::of(s.beyond.escalation.as_ref());
        let reminders = ReminderFields::of(&s.beyond.reminders);
        ActionForm {
            name: s.name.clone(),
            temporal: s.temporal,
            prevent_login: s.prevent_login,
            send_end_event: s.send_end_event,
            user_emailing_enabled: s.user_emailing_enabled,
            user_notifications_enabled: s.user_notifications_enabled,
            include_email_in_event_json: s.include_email_in_event_json,
            start_email_template_id: id_text(s.start_email_template_id),
            modify_email_template_id: id_text(s.modify_email_template_id),
            cancel_email_template_id: id_text(s.cancel_email_template_id),
            end_email_template_id: id_text(s.end_email_template_id),
            transaction_type: s.transaction_type.clone(),
            tenant_scope: if s.tenant_ids.is_empty() {
                "all".into()
            } else {
                "chosen".into()
            },
            tenant: s.tenant_ids.iter().map(Uuid::to_string).collect(),
            option_name: s.options.iter().map(|o| o.name.clone()).collect(),
            option_localized: s
                .options
                .iter()
                .map(|o| localized_lines(&o.localized_names))
                .collect(),
            locale: s.localized_names.keys().cloned().collect(),
            localized: s.localized_names.values().cloned().collect(),
            kind: s.beyond.kind.as_str().to_string(),
            reminder_amount: reminders.amount,
            reminder_unit: reminders.unit,
            reminder_template: reminders.template,
            window_amount: ladder.window_amount,
            window_unit: ladder.window_unit,
            step_amount: ladder.step_amount,
            step_unit: ladder.step_unit,
        }
    }

    /// Reminder rows typed, blank ones dropped, earliest (longest before expiry) first: the
    /// order the domain keeps them in, so that its errors point at the right row.
    fn reminder_rows(&self) -> Vec<(Amount, String)> {
        let mut rows: Vec<(Amount, String)> = self
            .reminder_amount
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let unit = self.reminder_unit.get(n).map_or("", String::as_str);
                let template = self.reminder_template.get(n).cloned().unwrap_or_default();
                (Amount::new(a, unit), template.trim().to_string())
            })
            .filter(|(a, _)| !a.is_blank())
            .collect();
        rows.sort_by_key(|(a, _)| std::cmp::Reverse(a.millis()));
        rows
    }

    /// The reminders editor: the rows typed, then a blank one to add a reminder.
    fn reminder_editor(&self) -> Vec<ReminderRow> {
        self.reminder_rows()
            .into_iter()
            .map(|(before, template)| ReminderRow { before, template })
            .chain([ReminderRow {
                before: Amount::new("", "days"),
                template: String::new(),
            }])
            .collect()
    }

    /// The ladder editor with what was typed and the errors of each field and step.
    fn ladder_editor(&self, errors: &ActionErrors) -> LadderEditor {
        LadderEditor::typed(
            &self.window_amount,
            &self.window_unit,
            &self.step_amount,
            &self.step_unit,
            |field| errors.of(field),
            |n| errors.of_row("step", &n),
        )
    }

    fn window(&self) -> Amount {
        Amount::new(&self.window_amount, &self.window_unit)
    }

    /// The ladder typed: none when neither a window nor a step was given.
    fn escalation(&self) -> Option<Escalation> {
        duration::ladder(&self.window(), &self.step_amount, &self.step_unit)
    }

    fn beyond(&self) -> BeyondInput {
        let kind = self.kind.trim();
        BeyondInput {
            kind: (!kind.is_empty()).then(|| kind.to_string()),
            reminders: Some(
                self.reminder_rows()
                    .into_iter()
                    .map(|(a, template)| Reminder {
                        before_expiry: a.millis(),
                        email_template_id: chosen_id(&template),
                    })
                    .collect(),
            ),
            escalation: Some(self.escalation()),
        }
    }

    fn chosen_tenants(&self) -> bool {
        self.tenant_scope == "chosen"
    }

    fn input(&self) -> UserActionInput {
        let options = self
            .option_name
            .iter()
            .zip(self.option_localized.iter())
            .filter(|(n, l)| !n.trim().is_empty() || !l.trim().is_empty())
            .map(|(name, lines)| ActionOption {
                name: Some(name.clone()),
                localized_names: Some(parse_lines(lines)),
            })
            .collect();
        let tenant_ids = if self.chosen_tenants() {
            self.tenant.iter().filter_map(|t| chosen_id(t)).collect()
        } else {
            Vec::new()
        };
        UserActionInput {
            name: Some(self.name.clone()),
            localized_names: Some(pairs(&self.locale, &self.localized)),
            temporal: Some(self.temporal),
            prevent_login: Some(self.prevent_login),
            send_end_event: Some(self.send_end_event),
            include_email_in_event_json: Some(self.include_email_in_event_json),
            user_emailing_enabled: Some(self.user_emailing_enabled),
            user_notifications_enabled: Some(self.user_notifications_enabled),
            start_email_template_id: chosen_id(&self.start_email_template_id),
            modify_email_template_id: chosen_id(&self.modify_email_template_id),
            cancel_email_template_id: chosen_id(&self.cancel_email_template_id),
            end_email_template_id: chosen_id(&self.end_email_template_id),
            options: Some(options),
            transaction_type: Some(self.transaction_type.trim().to_string())
                .filter(|t| !t.is_empty()),
            tenant_ids: Some(tenant_ids),
            beyond: self.beyond(),
        }
    }

    /// An error of the form itself, found before the service is asked.
    fn own_errors(&self, tr: &Tr) -> Option<ActionErrors> {
        let chosen_none = self.chosen_tenants() && self.tenant.iter().all(|t| t.trim().is_empty());
        chosen_none.then(|| {
            let mut errors = ActionErrors::none();
            errors.add(tr, "tenantIds", "actions-error-tenants-none");
            errors
        })
    }
}

/// A row of the reminders editor.
pub struct ReminderRow {
    pub before: Amount,
    pub template: String,
}

/// A row of the options editor: the name and its `tag = name` lines.
pub struct OptionRow {
    pub name: String,
    pub localized: String,
}

/// One of the four template selects.
pub struct TemplateSelect {
    /// The form field and the API field of its errors.
    pub field: &'static str,
    pub error_key: &'static str,
    pub label: &'static str,
    pub selected: String,
    /// Changes, cancellations and ends happen to temporal actions only.
    pub temporal_only: bool,
}

/// What the selects offer.
pub struct Choices {
    templates: Vec<EmailTemplate>,
    tenants: Vec<Tenant>,
}

impl Choices {
    fn of((templates, tenants): (Vec<EmailTemplate>, Vec<Tenant>)) -> Choices {
        Choices { templates, tenants }
    }

    /// What each template select offers.
    fn template_choices(&self) -> Vec<Choice> {
        self.templates
            .iter()
            .map(|t| Choice::new(t.id.to_string(), t.spec.name.clone()))
            .collect()
    }

    /// The tenants a definition may be limited to, ticked where the form chose them.
    fn tenant_ticks(&self, chosen: &[String]) -> Vec<Tick> {
        let tenants = self.tenants.iter();
        Tick::all(tenants.map(|t| (t.id.to_string(), t.name.clone())), chosen)
    }
}

impl TemplateSelect {
    /// The four template selects, each with what the form chose.
    fn all(form: &ActionForm) -> Vec<TemplateSelect> {
        [
            (
                "start_email_template_id",
                "startEmailTemplateId",
                "actions-template-start",
                &form.start_email_template_id,
            ),
            (
                "modify_email_template_id",
                "modifyEmailTemplateId",
                "actions-template-modify",
                &form.modify_email_template_id,
            ),
            (
                "cancel_email_template_id",
                "cancelEmailTemplateId",
                "actions-template-cancel",
                &form.cancel_email_template_id,
            ),
            (
                "end_email_template_id",
                "endEmailTemplateId",
                "actions-template-end",
                &form.end_email_template_id,
            ),
        ]
        .into_iter()
        .map(|(field, error_key, label, selected)| TemplateSelect {
            field,
            error_key,
            label,
            selected: selected.trim().to_string(),
            temporal_only: field != "start_email_template_id",
        })
        .collect()
    }
}

#[derive(Template)]
#[template(path = "admin/actions/form.html")]
pub struct FormPage {
    ctx: Ctx,
    /// `None` for a new definition.
    id: Option<Uuid>,
    active: bool,
    name: String,
    temporal: bool,
    prevent_login: bool,
    send_end_event: bool,
    user_emailing_enabled: bool,
    user_notifications_enabled: bool,
    include_email_in_event_json: bool,
    selects: Vec<TemplateSelect>,
    templates: Vec<Choice>,
    transaction_type: String,
    transaction_types: Vec<&'static str>,
    all_tenants: bool,
    tenants: Vec<Tick>,
    options: Vec<OptionRow>,
    rows: Vec<LocalizedRow>,
    /// The kind chosen; empty for "from its shape".
    kind: String,
    kinds: [ActionKind; 4],
    reminders: Vec<ReminderRow>,
    /// The units a reminder is typed in.
    units: Vec<&'static str>,
    ladder: LadderEditor,
    errors: ActionErrors,
}

impl FormPage {
    fn is_transaction_type(&self, value: &str) -> bool {
        self.transaction_type == value
    }

    fn is_kind(&self, kind: &ActionKind) -> bool {
        self.kind == kind.as_str()
    }
}

/// The page showing `form`: every editor with its rows and a blank one, the selects with their choices.
fn form_page(
    ctx: Ctx,
    id: Option<Uuid>,
    active: bool,
    form: ActionForm,
    choices: Choices,
    errors: ActionErrors,
) -> FormPage {
    let options = rows(
        &form.option_name,
        &form.option_localized,
        |name, localized| OptionRow { name, localized },
    );
    let localized = localized_rows(&form.locale, &form.localized);
    FormPage {
        kind: form.kind.trim().to_string(),
        kinds: ActionKind::ALL,
        reminders: form.reminder_editor(),
        ladder: form.ladder_editor(&errors),
        units: UNITS.iter().map(|(u, _)| *u).collect(),
        ctx,
        id,
        active,
        temporal: form.temporal,
        prevent_login: form.prevent_login,
        send_end_event: form.send_end_event,
        user_emailing_enabled: form.user_emailing_enabled,
        user_notifications_enabled: form.user_notifications_enabled,
        include_email_in_event_json: form.include_email_in_event_json,
        selects: TemplateSelect::all(&form),
        templates: choices.template_choices(),
        transaction_type: form.transaction_type.clone(),
        transaction_types: TRANSACTION_TYPES.to_vec(),
        all_tenants: !form.chosen_tenants(),
        tenants: choices.tenant_ticks(&form.tenant),
        options,
        rows: localized,
        name: form.name,
        errors,
    }
}

/// Adding a definition or changing one.
pub struct Editing;

impl Editor for Editing {
    const SECTION: &'static str = "actions";
    type Form = ActionForm;
    type Loaded = (Option<UserAction>, Choices);
    type Input = UserActionInput;
    type Saved = UserAction;
    type Errors = ActionErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Self::Loaded> {
        let action = id.map(|id| svc::find(conn, id, None)).transpose()?;
        Ok((action, Choices::of(svc::form_choices(conn)?)))
    }

    fn form((action, _): &Self::Loaded) -> ActionForm {
        action
            .as_ref()
            .map_or_else(ActionForm::new_definition, ActionForm::from_action)
    }

    fn page(
        ctx: Ctx,
        id: Option<Uuid>,
        form: ActionForm,
        (action, choices): Self::Loaded,
        errors: ActionErrors,
    ) -> FormPage {
        let active = action.is_none_or(|a| a.active);
        form_page(ctx, id, active, form, choices, errors)
    }

    fn input(
        form: &ActionForm,
        _: Option<Uuid>,
        staff: &Staff<Admin>,
    ) -> Result<UserActionInput, ActionErrors> {
        form.own_errors(staff.tr())
            .map_or_else(|| Ok(form.input()), Err)
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        input: UserActionInput,
    ) -> ServiceResult<UserAction> {
        match id {
            None => svc::create(conn, now, None, input),
            Some(id) => svc::update(conn, now, id, input),
        }
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> ActionErrors {
        ActionErrors::new(errors, tr)
    }

    fn done(_: &Staff<Admin>, id: Option<Uuid>, _: UserAction) -> String {
        editor::back_to("/admin/actions", id)
    }
}
