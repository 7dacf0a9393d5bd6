-- A temporal definition's reminders before expiry (an extension): a JSON list of
-- {"beforeExpiry": ms, "emailTemplateId": uuid?}.
ALTER TABLE user_actions ADD COLUMN reminders TEXT NOT NULL DEFAULT '[]';
-- Reminders still to be sent, one row per instance and reminder, keyed by when they are due.
-- Sending takes the row (locked, skipping rows another process holds, on PostgreSQL) and writes
-- the reminder event and email to the outbox in the same transaction: each is sent once. A
-- modify moves an instance's rows with its expiry; a cancel deletes them.
CREATE TABLE action_instance_reminders (
    instance_id TEXT NOT NULL REFERENCES action_instances(id) ON DELETE CASCADE,
    before_expiry BIGINT NOT NULL,
    due_instant BIGINT NOT NULL,
    PRIMARY KEY (instance_id, before_expiry)
);
CREATE INDEX action_instance_reminders_by_due ON action_instance_reminders (due_instant);
