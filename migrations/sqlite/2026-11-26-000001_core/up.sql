-- Core tables: tenants, applications, users, API keys, definitions, reasons, instances.
-- Ids are UUID text, instants are epoch milliseconds, *_ci columns hold the case-folded value
-- that uniqueness and look-ups use.
CREATE TABLE tenants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    name_ci TEXT NOT NULL UNIQUE,
    is_default BOOLEAN NOT NULL,
    data TEXT NOT NULL,
    event_configuration TEXT NOT NULL,
    email_configuration TEXT NOT NULL,
    failed_authentication_configuration TEXT NOT NULL,
    signing_secret TEXT NOT NULL,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_ci TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    data TEXT NOT NULL,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL,
    UNIQUE (tenant_id, name_ci)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    email TEXT,
    email_ci TEXT,
    username TEXT,
    username_ci TEXT,
    first_name TEXT,
    last_name TEXT,
    full_name TEXT,
    preferred_languages TEXT NOT NULL,
    timezone TEXT,
    active BOOLEAN NOT NULL,
    data TEXT NOT NULL,
    password_hash TEXT,
    failed_login_count INTEGER NOT NULL,
    last_failed_login_instant BIGINT,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL,
    last_login_instant BIGINT,
    UNIQUE (tenant_id, email_ci),
    UNIQUE (tenant_id, username_ci)
);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    tenant_id TEXT REFERENCES tenants(id) ON DELETE CASCADE,
    description TEXT,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

CREATE TABLE email_templates (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    default_subject TEXT NOT NULL,
    default_html_template TEXT NOT NULL,
    default_text_template TEXT NOT NULL,
    default_from_name TEXT,
    from_email TEXT,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

CREATE TABLE user_actions (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    name_ci TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL,
    temporal BOOLEAN NOT NULL,
    prevent_login BOOLEAN NOT NULL,
    send_end_event BOOLEAN NOT NULL,
    include_email_in_event_json BOOLEAN NOT NULL,
    user_emailing_enabled BOOLEAN NOT NULL,
    user_notifications_enabled BOOLEAN NOT NULL,
    start_email_template_id TEXT,
    modify_email_template_id TEXT,
    cancel_email_template_id TEXT,
    end_email_template_id TEXT,
    transaction_type TEXT NOT NULL,
    tenant_ids TEXT NOT NULL,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

CREATE TABLE user_action_options (
    id TEXT PRIMARY KEY NOT NULL,
    user_action_id TEXT NOT NULL REFERENCES user_actions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX user_action_options_by_action ON user_action_options (user_action_id, position);

CREATE TABLE user_action_reasons (
    id TEXT PRIMARY KEY NOT NULL,
    text TEXT NOT NULL,
    text_ci TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL,
    code_ci TEXT NOT NULL UNIQUE,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

-- Every translated value of data: action names, option names, reason texts, template parts.
CREATE TABLE localizations (
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    field TEXT NOT NULL,
    locale TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, field, locale)
);

CREATE TABLE action_instances (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_action_id TEXT NOT NULL REFERENCES user_actions(id) ON DELETE CASCADE,
    actionee_user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    actioner_user_id TEXT,
    application_ids TEXT NOT NULL,
    comment TEXT,
    email_user_on_end BOOLEAN NOT NULL,
    notify_user_on_end BOOLEAN NOT NULL,
    end_event_sent BOOLEAN,
    expiry BIGINT,
    cancelled BOOLEAN NOT NULL,
    created_instant BIGINT NOT NULL,
    insert_instant BIGINT NOT NULL,
    name TEXT NOT NULL,
    localized_name TEXT,
    option_name TEXT,
    localized_option TEXT,
    reason TEXT,
    localized_reason TEXT,
    reason_code TEXT,
    history TEXT NOT NULL
);
CREATE INDEX action_instances_by_actionee ON action_instances (actionee_user_id, insert_instant);
CREATE INDEX action_instances_by_action ON action_instances (user_action_id, actionee_user_id);
CREATE INDEX action_instances_by_tenant ON action_instances (tenant_id, insert_instant);
CREATE INDEX action_instances_by_expiry ON action_instances (expiry);
-- Only instances still waiting for their end event: the sweep's cost is O(due), not O(all).
CREATE INDEX action_instances_end_due ON action_instances (expiry)
    WHERE end_event_sent = FALSE AND cancelled = FALSE;
