-- Events: HMAC signing keys, webhooks, and the outbox of webhook deliveries and emails.
CREATE TABLE signing_keys (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    name_ci TEXT NOT NULL UNIQUE,
    algorithm TEXT NOT NULL,
    kid TEXT NOT NULL UNIQUE,
    secret TEXT NOT NULL,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    connect_timeout INTEGER NOT NULL,
    read_timeout INTEGER NOT NULL,
    description TEXT,
    events_enabled TEXT NOT NULL,
    is_global BOOLEAN NOT NULL,
    tenant_ids TEXT NOT NULL,
    headers TEXT NOT NULL,
    http_authentication_username TEXT,
    http_authentication_password TEXT,
    signature_enabled BOOLEAN NOT NULL,
    signing_key_id TEXT REFERENCES signing_keys(id),
    user_action_ids TEXT NOT NULL,
    secret TEXT NOT NULL,
    data TEXT NOT NULL,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

-- One row per webhook delivery or email, written in the transaction of the change that caused it.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    webhook_id TEXT REFERENCES webhooks(id) ON DELETE CASCADE,
    tenant_id TEXT,
    event_id TEXT,
    event_type TEXT,
    action_id TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts TEXT NOT NULL,
    attempt_count INTEGER NOT NULL,
    next_attempt_instant BIGINT,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);
-- Only pending rows: claiming costs O(due), not O(all deliveries ever made).
CREATE INDEX outbox_due ON outbox (next_attempt_instant) WHERE status = 'pending';
CREATE INDEX outbox_by_webhook ON outbox (webhook_id, insert_instant);
CREATE INDEX outbox_by_action ON outbox (action_id);
