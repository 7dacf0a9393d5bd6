//! Recording lifecycle events: webhook deliveries and emails written to the outbox in the
//! transaction of the change. Delivery happens later, in `delivery::worker`.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::{check, ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::email_template::{self, EmailTemplate, EmailVars, RenderedEmail};
use crate::domain::event::{self, Flags, UserActionEvent, USER_ACTION};
use crate::domain::instance::{Instance, Phase, FOREVER};
use crate::domain::tenant::Tenant;
use crate::domain::user::{self, is_email, User};
use crate::domain::user_action::UserAction;
use crate::domain::webhook::Webhook;
use crate::domain::{FieldErrors, Kind};
use crate::i18n;
use crate::store;
use crate::store::outbox::OutboxItem;

/// What recording needs from the server's configuration.
#[derive(Debug, Clone, Default)]
pub struct Outbound {
    /// The locale files in use: durations and dates in events and emails follow live edits.
    pub locales: crate::i18n::Locales,
    pub base_url: String,
    /// Whether `ACTIONEER_SMTP_URL` is set (a tenant may have its own server instead).
    pub server_smtp: bool,
    pub default_from_email: String,
    pub default_from_name: Option<String>,
}

/// One lifecycle change to publish.
pub struct Change<'a> {
    pub definition: &'a UserAction,
    pub instance: &'a Instance,
    pub phase: Phase,
    pub flags: Flags,
    /// Start, modify and cancel publish only when the request asked; end always does.
    pub broadcast: bool,
    pub info: Option<Map<String, Value>>,
}

/// The event info of a change a client made from address `ip` (`{"ipAddress": ip}`); none
/// without an address.
pub fn client_info(ip: Option<String>) -> Option<Map<String, Value>> {
    ip.map(|ip| Map::from_iter([("ipAddress".to_string(), Value::String(ip))]))
}

/// Rows that recording reads, kept across the changes of one batch: ending a batch of instances
/// reads each tenant, template and webhook list once, and the actionees in one query.
#[derive(Default)]
pub struct Lookups {
    tenants: HashMap<Uuid, Option<Rc<Tenant>>>,
    templates: HashMap<Uuid, Option<Rc<EmailTemplate>>>,
    hooks: HashMap<(Uuid, Uuid), Rc<Vec<Webhook>>>,
    users: HashMap<Uuid, Option<Rc<User>>>,
    /// Users the batch will ask for, loaded together at the first miss.
    expected_users: Vec<Uuid>,
}

impl Lookups {
    /// Starts with rows the caller has already read (an apply's tenant and actionee).
    pub fn knowing(tenant: Option<Tenant>, user: Option<User>) -> Lookups {
        let mut lookups = Lookups::default();
        if let Some(tenant) = tenant {
            lookups.tenants.insert(tenant.id, Some(Rc::new(tenant)));
        }
        if let Some(user) = user {
            lookups.users.insert(user.id, Some(Rc::new(user)));
        }
        lookups
    }

    /// Announces the actionees of a batch, so that they are read in one query if any is needed.
    pub fn expect_users(&mut self, ids: impl IntoIterator<Item = Uuid>) {
        self.expected_users.extend(ids);
    }

    fn tenant(&mut self, conn: &mut DbConnection, id: Uuid) -> ServiceResult<Option<Rc<Tenant>>> {
        remembered(&mut self.tenants, id, || {
            Ok(store::tenants::find(conn, id)?.map(Rc::new))
        })
    }

    fn template(
        &mut self,
        conn: &mut DbConnection,
        id: Uuid,
    ) -> ServiceResult<Option<Rc<EmailTemplate>>> {
        remembered(&mut self.templates, id, || {
            Ok(store::email_templates::find(conn, id)?.map(Rc::new))
        })
    }

    fn hooks(
        &mut self,
        conn: &mut DbConnection,
        tenant: Uuid,
        definition: Uuid,
    ) -> ServiceResult<Rc<Vec<Webhook>>> {
        remembered(&mut self.hooks, (tenant, definition), || {
            Ok(Rc::new(store::webhooks::receiving(
                conn, tenant, definition,
            )?))
        })
    }

    fn user(&mut self, conn: &mut DbConnection, id: Uuid) -> ServiceResult<Option<Rc<User>>> {
        if let Some(known) = self.users.get(&id) {
            return Ok(known.clone());
        }
        let mut wanted = std::mem::take(&mut self.expected_users);
        wanted.retain(|u| !self.users.contains_key(u));
        wanted.push(id);
        for user in store::users::find_many(conn, &wanted)? {
            self.users.insert(user.id, Some(Rc::new(user)));
        }
        for missing in wanted {
            self.users.entry(missing).or_insert(None);
        }
        Ok(self.users.get(&id).cloned().flatten())
    }
}

/// What `cache` holds for `key`, loaded by `load` the first time it is asked for.
fn remembered<K, V>(
    cache: &mut HashMap<K, V>,
    key: K,
    load: impl FnOnce() -> ServiceResult<V>,
) -> ServiceResult<V>
where
    K: Eq + std::hash::Hash,
    V: Clone,
{
    if let Some(known) = cache.get(&key) {
        return Ok(known.clone());
    }
    let found = load()?;
    cache.insert(key, found.clone());
    Ok(found)
}

/// Writes the change's email and webhook deliveries to the outbox.
pub fn record(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    change: Change,
) -> ServiceResult<()> {
    record_with(conn, now, out, &mut Lookups::default(), change)
}

/// `record`, reading through `lookups` (shared by the changes of a batch).
pub fn record_with(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    lookups: &mut Lookups,
    change: Change,
) -> ServiceResult<()> {
    let template = template_for(change.definition, change.phase);
    record_using(conn, now, out, lookups, change, template)
}

/// Writes a reminder's event (always published) and email (with the reminder's own template,
/// if it has one) to the outbox.
pub fn record_reminder(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    lookups: &mut Lookups,
    definition: &UserAction,
    instance: &Instance,
    template: Option<Uuid>,
) -> ServiceResult<()> {
    let emailed = template.is_some() && definition.spec.user_emailing_enabled;
    let change = Change {
        definition,
        instance,
        phase: Phase::Reminder,
        flags: Flags {
            notify_user: instance.notify_user_on_end,
            email_user: emailed,
        },
        broadcast: true,
        info: None,
    };
    record_using(conn, now, out, lookups, change, template)
}

/// Loads what the change's audience needs (tenant, webhooks, actionee, template) and writes
/// its deliveries. Who receives what is `event::audience`'s decision.
fn record_using(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    lookups: &mut Lookups,
    change: Change,
    template_id: Option<Uuid>,
) -> ServiceResult<()> {
    let Change {
        definition,
        instance,
        phase,
        flags,
        broadcast,
        info,
    } = change;
    let audience = event::audience(phase, flags, broadcast, instance, &definition.spec);
    if audience.nobody() {
        return Ok(());
    }
    let wants_email = audience.email_user;
    let Some(tenant) = lookups.tenant(conn, instance.tenant_id)? else {
        return Ok(());
    };
    let hooks = if audience.webhooks && tenant.event_configuration.enabled(USER_ACTION) {
        lookups.hooks(conn, tenant.id, definition.id)?
    } else {
        Rc::default()
    };
    if !wants_email && hooks.is_empty() {
        return Ok(());
    }
    let Some(actionee) = lookups.user(conn, instance.actionee_user_id)? else {
        return Ok(());
    };
    let email_in_event = audience.email_in_event(&definition.spec, !hooks.is_empty());
    let template = match template_id {
        Some(id) if wants_email || email_in_event => lookups.template(conn, id)?,
        _ => None,
    };
    let vars = template
        .as_ref()
        .map(|_| email_vars(instance, &actionee, &tenant, phase, now, out));
    let rendered = template
        .as_ref()
        .zip(vars.as_ref())
        .map(|(t, vars)| email_template::render(t, vars, &actionee.preferred_languages));
    let full_name = vars.as_ref().map(|v| v.full_name.as_str()).unwrap_or("");

    if wants_email {
        if let (Some(rendered), Some(address)) = (&rendered, &actionee.email) {
            if out.server_smtp || tenant.email_configuration.host.is_some() {
                queue_email(
                    conn, now, out, &tenant, instance, phase, rendered, address, full_name,
                )?;
            } else {
                tracing::warn!(instance = %instance.id, "no SMTP server configured: email skipped");
            }
        }
    }

    if hooks.is_empty() {
        return Ok(());
    }
    let event_phase = event::phase_of(instance, phase);
    let duration = instance.expiry.filter(|e| *e != FOREVER).map(|e| {
        i18n::localized_duration_in(
            &out.locales.current(),
            e - now,
            &actionee.preferred_languages,
        )
    });
    let mut body = event::build(
        Uuid::now_v7(),
        instance,
        event_phase,
        flags,
        now,
        info,
        duration,
    );
    if email_in_event {
        body.email = rendered
            .as_ref()
            .map(|r| email_json(out, &tenant, r, actionee.email.as_deref(), full_name));
    }
    let payload = json!({ "event": body }).to_string();
    for hook in hooks.iter() {
        let delivery = OutboxItem::user_action_event(
            hook.id,
            tenant.id,
            body.id,
            instance.id,
            payload.clone(),
            now,
        );
        store::outbox::insert(conn, &delivery)?;
    }
    Ok(())
}

fn template_for(definition: &UserAction, phase: Phase) -> Option<Uuid> {
    let spec = &definition.spec;
    match phase {
        Phase::Start => spec.start_email_template_id,
        Phase::Modify => spec.modify_email_template_id,
        Phase::Cancel => spec.cancel_email_template_id,
        Phase::End => spec.end_email_template_id,
        // Each reminder names its own (`record_reminder`).
        Phase::Reminder => None,
    }
}

/// The template variables for this instance and phase.
fn email_vars(
    instance: &Instance,
    actionee: &User,
    tenant: &Tenant,
    phase: Phase,
    now: i64,
    out: &Outbound,
) -> EmailVars {
    let prefs = &actionee.preferred_languages;
    let event_phase = event::phase_of(instance, phase);
    let shown_expiry = instance.expiry.filter(|e| *e != FOREVER);
    let catalog = &*out.locales.current();
    EmailVars {
        action: instance
            .localized_name
            .clone()
            .unwrap_or_else(|| instance.name.clone()),
        action_name: instance.name.clone(),
        option: instance.localized_option.clone().unwrap_or_default(),
        reason: instance.localized_reason.clone().unwrap_or_default(),
        reason_code: instance.reason_code.clone().unwrap_or_default(),
        comment: instance.comment.clone().unwrap_or_default(),
        expiry: shown_expiry
            .map(|e| i18n::format_expiry_in(catalog, e, actionee.timezone.as_deref(), prefs))
            .unwrap_or_default(),
        duration: shown_expiry
            .filter(|_| event::carries_duration(event_phase, instance.expiry))
            .map(|e| i18n::localized_duration_in(catalog, e - now, prefs))
            .unwrap_or_default(),
        phase: event_phase.map_or("start", Phase::as_str).to_string(),
        first_name: actionee.first_name.clone().unwrap_or_default(),
        last_name: actionee.last_name.clone().unwrap_or_default(),
        full_name: user::display_name(actionee),
        email: actionee.email.clone().unwrap_or_default(),
        username: actionee.username.clone().unwrap_or_default(),
        tenant: tenant.name.clone(),
        base_url: out.base_url.clone(),
    }
}

/// The sender: the template's, else the tenant's default, else the server's.
fn sender(out: &Outbound, tenant: &Tenant, rendered: &RenderedEmail) -> (String, Option<String>) {
    if let Some(address) = &rendered.from_email {
        return (address.clone(), rendered.from_name.clone());
    }
    let config = &tenant.email_configuration;
    if let Some(address) = &config.default_from_email {
        return (
            address.clone(),
            rendered
                .from_name
                .clone()
                .or(config.default_from_name.clone()),
        );
    }
    (
        out.default_from_email.clone(),
        rendered.from_name.clone().or(out.default_from_name.clone()),
    )
}

fn address(address: &str, display: Option<&str>) -> Value {
    match display.filter(|d| !d.is_empty()) {
        Some(d) => json!({"address": address, "display": d}),
        None => json!({"address": address}),
    }
}

/// The `Email` object of a rendered email.
fn email_json(
    out: &Outbound,
    tenant: &Tenant,
    r: &RenderedEmail,
    to: Option<&str>,
    to_name: &str,
) -> Value {
    email_payload(sender(out, tenant, r), r, to, to_name)
}

/// The `Email` object from a chosen sender.
fn email_payload(
    (from, from_name): (String, Option<String>),
    r: &RenderedEmail,
    to: Option<&str>,
    to_name: &str,
) -> Value {
    let to: Vec<Value> = to.map(|a| address(a, Some(to_name))).into_iter().collect();
    json!({
        "attachments": [], "bcc": [], "cc": [],
        "from": address(&from, from_name.as_deref()),
        "html": r.html, "subject": r.subject, "text": r.text, "to": to,
    })
}

#[allow(clippy::too_many_arguments)]
fn queue_email(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    tenant: &Tenant,
    instance: &Instance,
    phase: Phase,
    rendered: &RenderedEmail,
    to: &str,
    to_name: &str,
) -> ServiceResult<()> {
    let mut payload = email_json(out, tenant, rendered, Some(to), to_name);
    // Not part of the `Email` object: the sent-emails page says which change the email was for.
    payload["phase"] = phase.as_str().into();
    let payload = payload.to_string();
    let email = OutboxItem::email(Some(tenant.id), Some(instance.id), payload, now);
    store::outbox::insert(conn, &email)?;
    Ok(())
}

const DAY_MS: i64 = 86_400_000;

/// Queues a sample `user.action` event for this one webhook, to be delivered, signed and logged
/// like any other (the administrator's "send test event"). Returns the event id.
pub fn queue_test_event(
    conn: &mut DbConnection,
    now: i64,
    webhook_id: Uuid,
) -> ServiceResult<Uuid> {
    let hook = store::webhooks::find(conn, webhook_id)?.ok_or(ServiceError::NotFound)?;
    let tenant_id = match hook.spec.tenant_ids.first() {
        Some(id) if !hook.spec.global => *id,
        _ => {
            let tenants = store::tenants::list(conn)?;
            tenants
                .iter()
                .find(|t| t.is_default)
                .or(tenants.first())
                .map_or(Uuid::nil(), |t| t.id)
        }
    };
    let user_id = Uuid::now_v7();
    let mut info = Map::new();
    info.insert("data".into(), json!({"test": true}));
    let body = UserActionEvent {
        action: "Test action".into(),
        action_id: Uuid::now_v7(),
        actionee_user_id: user_id,
        actioner_user_id: None,
        application_ids: Vec::new(),
        comment: Some("A test event sent from the admin app.".into()),
        create_instant: now,
        email: None,
        emailed_user: false,
        expiry: Some(now.saturating_add(DAY_MS)),
        id: Uuid::now_v7(),
        info: Some(info),
        linked_object_id: user_id,
        localized_action: Some("Test action".into()),
        localized_duration: Some(i18n::localized_duration(DAY_MS, &[])),
        localized_option: None,
        localized_reason: None,
        notify_user: false,
        option: None,
        phase: Some(Phase::Start.as_str()),
        reason: None,
        reason_code: None,
        tenant_id,
        event_type: USER_ACTION,
    };
    let payload = json!({ "event": body }).to_string();
    let delivery =
        OutboxItem::user_action_event(hook.id, tenant_id, body.id, body.action_id, payload, now);
    store::outbox::insert(conn, &delivery)?;
    Ok(body.id)
}

/// Queues a template rendered with the preview's sample values in `locale` to `to`, sent by the
/// worker over the server's SMTP setting like any email (the administrator's "send test email").
pub fn queue_test_email(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    template_id: Uuid,
    to: &str,
    locale: Option<&str>,
) -> ServiceResult<()> {
    let template =
        store::email_templates::find(conn, template_id)?.ok_or(ServiceError::NotFound)?;
    let mut errors = FieldErrors::new();
    let to = to.trim();
    if to.is_empty() {
        errors.add(Kind::Blank, "to");
    } else if !is_email(to) {
        errors.add(Kind::Invalid, "to");
    }
    let locale = locale.map(str::trim).filter(|l| !l.is_empty());
    if locale.is_some_and(|l| !template.spec.renders_in(l)) {
        errors.add(Kind::Invalid, "locale");
    }
    if !out.server_smtp {
        errors.add_with(
            Kind::Missing,
            "smtp",
            "No SMTP server is configured (ACTIONEER_SMTP_URL).",
        );
    }
    check(errors)?;
    let preferred: Vec<String> = locale.map(str::to_string).into_iter().collect();
    let vars = super::email_templates::sample_vars(now, &out.base_url, &preferred);
    let rendered = email_template::render(&template, &vars, &preferred);
    let from = match &rendered.from_email {
        Some(address) => (address.clone(), rendered.from_name.clone()),
        None => (
            out.default_from_email.clone(),
            rendered.from_name.clone().or(out.default_from_name.clone()),
        ),
    };
    let payload = email_payload(from, &rendered, Some(to), "").to_string();
    store::outbox::insert(conn, &OutboxItem::email(None, None, payload, now))?;
    Ok(())
}
