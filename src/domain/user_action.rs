//! Action definitions: normalisation and validation rules.

use serde::Deserialize;
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::lifecycle::{self, Beyond, BeyondInput};
use super::locale::LocalizedStrings;
use super::text::{check_localized, trim_opt, MAX_NAME};

pub const TRANSACTION_TYPES: [&str; 5] = [
    "None",
    "Any",
    "SimpleMajority",
    "SuperMajority",
    "AbsoluteMajority",
];

/// An option of an instantaneous definition, e.g. "happy" of a happiness survey.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionOption {
    /// Unique among the definition's options, ignoring letter case.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1, max_length = 191, pattern = r"\S")]
    pub name: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::openapi::localized_names)]
    pub localized_names: Option<LocalizedStrings>,
}

/// A definition as a client describes it (create, update, or the result of a patch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserActionInput {
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub name: Option<String>,
    #[schema(schema_with = crate::openapi::localized_names)]
    pub localized_names: Option<LocalizedStrings>,
    #[serde(default)]
    pub temporal: Option<bool>,
    #[serde(default)]
    pub prevent_login: Option<bool>,
    #[serde(default)]
    pub send_end_event: Option<bool>,
    #[serde(default, rename = "includeEmailInEventJSON")]
    pub include_email_in_event_json: Option<bool>,
    #[serde(default)]
    pub user_emailing_enabled: Option<bool>,
    #[serde(default)]
    pub user_notifications_enabled: Option<bool>,
    pub start_email_template_id: Option<Uuid>,
    pub modify_email_template_id: Option<Uuid>,
    pub cancel_email_template_id: Option<Uuid>,
    pub end_email_template_id: Option<Uuid>,
    #[serde(default)]
    pub options: Option<Vec<ActionOption>>,
    /// No effect; kept for FusionAuth's clients.
    #[schema(value_type = Option<crate::openapi::TransactionType>)]
    pub transaction_type: Option<String>,
    #[serde(default)]
    pub tenant_ids: Option<Vec<Uuid>>,
    /// Actioneer's extensions (kind, reminders, escalation).
    #[serde(flatten)]
    pub beyond: BeyondInput,
}

/// The normalised, validated content of a definition (everything but id, state and instants).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserActionSpec {
    pub name: String,
    pub localized_names: LocalizedStrings,
    pub temporal: bool,
    pub prevent_login: bool,
    pub send_end_event: bool,
    pub include_email_in_event_json: bool,
    pub user_emailing_enabled: bool,
    pub user_notifications_enabled: bool,
    pub start_email_template_id: Option<Uuid>,
    pub modify_email_template_id: Option<Uuid>,
    pub cancel_email_template_id: Option<Uuid>,
    pub end_email_template_id: Option<Uuid>,
    pub options: Vec<NamedOption>,
    pub transaction_type: String,
    pub tenant_ids: Vec<Uuid>,
    pub beyond: Beyond,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOption {
    pub name: String,
    pub localized_names: LocalizedStrings,
}

/// A stored definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAction {
    pub id: Uuid,
    pub active: bool,
    pub spec: UserActionSpec,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

impl UserAction {
    /// Drops a deleted tenant; whether anything changed. A definition left with no tenant is
    /// deactivated rather than silently widened to every tenant.
    pub fn forget_tenant(&mut self, tenant: Uuid) -> bool {
        if !super::forget(&mut self.spec.tenant_ids, tenant) {
            return false;
        }
        if self.spec.tenant_ids.is_empty() {
            self.active = false;
        }
        true
    }

    /// Available in `tenant`: no tenant list means every tenant.
    pub fn available_in(&self, tenant: Uuid) -> bool {
        self.spec.tenant_ids.is_empty() || self.spec.tenant_ids.contains(&tenant)
    }

    /// May be applied: active and, when the actionee's tenant is known, available there. Every
    /// apply, the bulk page and the lockout action (of a sign-in and of a tenant's settings) ask
    /// this.
    pub fn is_usable(&self, actionee_tenant: Option<Uuid>) -> bool {
        self.active && actionee_tenant.is_none_or(|t| self.available_in(t))
    }
}

/// What the store knows that validation needs; gathered by the service.
#[derive(Debug, Default, Clone)]
pub struct DefinitionFacts {
    /// Another definition with the same name (case-insensitive): `Some(active)`.
    pub same_name_other: Option<bool>,
    /// Template fields whose id names no template.
    pub unknown_templates: Vec<&'static str>,
    /// Whether some `tenantIds` entry names no tenant.
    pub unknown_tenant: bool,
}

/// Is this a create (non-temporal creates never send end events) or an update?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    Create,
    Update,
}

/// Normalises the input (trims, drops temporal-only templates, de-duplicates tenants).
pub fn normalise(
    input: UserActionInput,
    write: Write,
    stored_transaction_type: Option<&str>,
    stored_beyond: Option<&Beyond>,
) -> UserActionSpec {
    let temporal = input.temporal.unwrap_or(false);
    let send_end_event = match write {
        Write::Create if !temporal => false,
        _ => input.send_end_event.unwrap_or(true),
    };
    let temporal_only = |id: Option<Uuid>| if temporal { id } else { None };
    let mut tenant_ids: Vec<Uuid> = Vec::new();
    for id in input.tenant_ids.unwrap_or_default() {
        if !tenant_ids.contains(&id) {
            tenant_ids.push(id);
        }
    }
    let prevent_login = input.prevent_login.unwrap_or(false);
    let has_options = input.options.as_ref().is_some_and(|o| !o.is_empty());
    let beyond = lifecycle::normalise(&input.beyond, stored_beyond, prevent_login, has_options);
    UserActionSpec {
        beyond,
        name: trim_opt(input.name).unwrap_or_default(),
        localized_names: trim_map(input.localized_names),
        temporal,
        prevent_login: input.prevent_login.unwrap_or(false),
        send_end_event,
        include_email_in_event_json: input.include_email_in_event_json.unwrap_or(false),
        user_emailing_enabled: input.user_emailing_enabled.unwrap_or(false),
        user_notifications_enabled: input.user_notifications_enabled.unwrap_or(false),
        start_email_template_id: input.start_email_template_id,
        modify_email_template_id: temporal_only(input.modify_email_template_id),
        cancel_email_template_id: temporal_only(input.cancel_email_template_id),
        end_email_template_id: temporal_only(input.end_email_template_id),
        options: input
            .options
            .unwrap_or_default()
            .into_iter()
            .map(|o| NamedOption {
                name: trim_opt(o.name).unwrap_or_default(),
                localized_names: trim_map(o.localized_names),
            })
            .collect(),
        transaction_type: input
            .transaction_type
            .or(stored_transaction_type.map(str::to_string))
            .unwrap_or_else(|| "None".to_string()),
        tenant_ids,
    }
}

fn trim_map(map: Option<LocalizedStrings>) -> LocalizedStrings {
    map.unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect()
}

/// Checks a normalised definition; `facts` come from the store.
pub fn validate(spec: &UserActionSpec, facts: &DefinitionFacts, errors: &mut FieldErrors) {
    const P: &str = "userAction";
    if spec.name.is_empty() {
        errors.add(Kind::Blank, "userAction.name");
    } else if spec.name.chars().count() > MAX_NAME {
        errors.add(Kind::TooLong, "userAction.name");
    }
    check_localized(
        &spec.localized_names,
        &format!("{P}.localizedNames"),
        MAX_NAME,
        errors,
    );

    let options_key = "userAction.options";
    if spec.temporal && !spec.options.is_empty() {
        errors.add_with(
            Kind::NotAllowed,
            options_key,
            "A temporal user action cannot have options.",
        );
    }
    let mut seen: Vec<String> = Vec::new();
    for option in &spec.options {
        if option.name.is_empty() {
            errors.add_with(Kind::Blank, options_key, "Every option needs a name.");
        } else if option.name.chars().count() > MAX_NAME {
            errors.add_with(
                Kind::TooLong,
                options_key,
                "An option name is longer than 191 characters.",
            );
        }
        let folded = option.name.to_lowercase();
        if !option.name.is_empty() && seen.contains(&folded) {
            errors.add_with(
                Kind::Duplicate,
                options_key,
                format!("The option name [{}] is used twice.", option.name),
            );
        }
        seen.push(folded);
        check_localized(&option.localized_names, options_key, MAX_NAME, errors);
    }

    if spec.prevent_login && !spec.temporal {
        errors.add_with(
            Kind::Invalid,
            "userAction.temporal",
            "Only a temporal user action can prevent login.",
        );
    }
    if (spec.user_emailing_enabled || spec.include_email_in_event_json)
        && spec.start_email_template_id.is_none()
    {
        errors.add(Kind::Missing, "userAction.startEmailTemplateId");
    }
    for field in &facts.unknown_templates {
        errors.add_with(
            Kind::Invalid,
            &format!("{P}.{field}"),
            format!("The value of [{P}.{field}] names no email template."),
        );
    }
    if facts.unknown_tenant {
        errors.add_with(
            Kind::Invalid,
            "userAction.tenantIds",
            "A value of [userAction.tenantIds] names no tenant.",
        );
    }
    if !TRANSACTION_TYPES.contains(&spec.transaction_type.as_str()) {
        errors.add(Kind::Invalid, "userAction.transactionType");
    }
    match facts.same_name_other {
        Some(false) => errors.add_with(
            Kind::Inactive,
            "userAction.name",
            format!(
                "An inactive user action named [{}] already exists; reactivate it instead.",
                spec.name
            ),
        ),
        Some(true) if errors.is_empty() => errors.add_with(
            Kind::Duplicate,
            "userAction.name",
            format!("A user action named [{}] already exists.", spec.name),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: serde_json::Value) -> UserActionInput {
        serde_json::from_value(json).unwrap()
    }

    /// The definition a create with `json` would store.
    fn created(json: serde_json::Value) -> UserActionSpec {
        normalise(input(json), Write::Create, None, None)
    }

    #[test]
    fn usable_means_active_and_available_in_a_known_tenant() {
        let (mine, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let definition = |active: bool, tenant_ids: serde_json::Value| UserAction {
            id: Uuid::from_u128(9),
            active,
            spec: created(serde_json::json!({"name": "Ban", "tenantIds": tenant_ids})),
            insert_instant: 0,
            last_update_instant: 0,
        };
        let everywhere = definition(true, serde_json::json!([]));
        assert!(everywhere.is_usable(Some(mine)) && everywhere.is_usable(None));
        let only_mine = definition(true, serde_json::json!([mine]));
        assert!(only_mine.is_usable(Some(mine)));
        assert!(!only_mine.is_usable(Some(other)));
        // With no actionee tenant known, only activity counts.
        assert!(only_mine.is_usable(None));
        let inactive = definition(false, serde_json::json!([]));
        assert!(!inactive.is_usable(Some(mine)) && !inactive.is_usable(None));
    }

    #[test]
    fn a_deleted_tenant_is_forgotten_and_a_definition_left_with_none_is_deactivated() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let definition = |tenant_ids: serde_json::Value| UserAction {
            id: Uuid::from_u128(9),
            active: true,
            spec: created(serde_json::json!({"name": "Ban", "tenantIds": tenant_ids})),
            insert_instant: 0,
            last_update_instant: 0,
        };
        let mut both = definition(serde_json::json!([a, b]));
        assert!(both.forget_tenant(a));
        assert_eq!(both.spec.tenant_ids, [b]);
        assert!(both.active);
        assert!(!both.forget_tenant(a));
        assert!(both.forget_tenant(b));
        assert!(both.spec.tenant_ids.is_empty() && !both.active);
        let mut everywhere = definition(serde_json::json!([]));
        assert!(!everywhere.forget_tenant(a));
        assert!(everywhere.active);
    }

    /// The codes of the errors validating `spec` with `facts` finds.
    fn codes(spec: &UserActionSpec, facts: &DefinitionFacts) -> Vec<String> {
        let mut errors = FieldErrors::new();
        validate(spec, facts, &mut errors);
        errors.codes()
    }

    #[test]
    fn non_temporal_create_drops_temporal_templates_and_end_event() {
        let id = Uuid::new_v4();
        let spec = created(serde_json::json!({"name": " Survey ", "sendEndEvent": true,
                "modifyEmailTemplateId": id, "endEmailTemplateId": id}));
        assert_eq!(spec.name, "Survey");
        assert!(!spec.send_end_event);
        assert_eq!(spec.modify_email_template_id, None);
        assert_eq!(spec.end_email_template_id, None);
        assert_eq!(spec.transaction_type, "None");
    }

    #[test]
    fn update_keeps_send_end_event_and_stored_transaction_type() {
        let spec = normalise(
            input(serde_json::json!({"name": "x"})),
            Write::Update,
            Some("Any"),
            None,
        );
        assert!(spec.send_end_event);
        assert_eq!(spec.transaction_type, "Any");
    }

    #[test]
    fn prevent_login_needs_temporal_and_options_need_instantaneous() {
        let spec = created(serde_json::json!({"name": "Ban", "preventLogin": true}));
        assert_eq!(
            codes(&spec, &DefinitionFacts::default()),
            ["[invalid]userAction.temporal"]
        );

        let spec = created(
            serde_json::json!({"name": "Ban", "temporal": true, "options": [{"name": "a"}]}),
        );
        assert_eq!(
            codes(&spec, &DefinitionFacts::default()),
            ["[notAllowed]userAction.options"]
        );
    }

    #[test]
    fn duplicate_name_only_reported_alone_but_inactive_always() {
        let spec = created(serde_json::json!({"name": "A", "userEmailingEnabled": true}));
        let facts = DefinitionFacts {
            same_name_other: Some(true),
            ..Default::default()
        };
        assert_eq!(
            codes(&spec, &facts),
            ["[missing]userAction.startEmailTemplateId"]
        );

        let facts = DefinitionFacts {
            same_name_other: Some(false),
            ..Default::default()
        };
        assert!(codes(&spec, &facts).contains(&"[inactive]userAction.name".to_string()));
    }

    #[test]
    fn option_rules() {
        let spec = created(
            serde_json::json!({"name": "S", "options": [{"name": "Happy"}, {"name": "happy "}, {"name": " "},
                {"name": "x", "localizedNames": {"de": " ", "xx-!!": "y"}}]}),
        );
        let codes = codes(&spec, &DefinitionFacts::default());
        for code in [
            "[duplicate]userAction.options",
            "[blank]userAction.options",
            "[invalid]userAction.options",
        ] {
            assert!(codes.contains(&code.to_string()), "{code} in {codes:?}");
        }
    }
}
