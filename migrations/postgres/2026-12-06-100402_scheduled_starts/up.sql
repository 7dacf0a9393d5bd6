-- An instance applied with a start in the future is "scheduled" until then (an extension).
ALTER TABLE action_instances ADD COLUMN start_instant BIGINT;
-- Scheduled starts still to be processed, one row each, keyed by start instant: starting takes
-- the row (locked, skipping rows another process holds, on PostgreSQL) and writes the start event
-- and email to the outbox in the same transaction, so each start is published once. The apply's
-- `broadcast`, `notifyUser` and `emailUser` wait here for the start.
CREATE TABLE action_instance_starts (
    instance_id TEXT PRIMARY KEY NOT NULL REFERENCES action_instances(id) ON DELETE CASCADE,
    start_instant BIGINT NOT NULL,
    broadcast BOOLEAN NOT NULL,
    notify_user BOOLEAN NOT NULL,
    email_user BOOLEAN NOT NULL
);
CREATE INDEX action_instance_starts_by_instant ON action_instance_starts (start_instant);
