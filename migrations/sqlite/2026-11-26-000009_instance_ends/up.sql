-- Temporal instances whose end is still to be processed (§7.8), one row each, keyed by expiry.
-- Ending deletes the row instead of updating `action_instances`: an update there would write a
-- new entry into each of that table's indexes, per instance ended. A stored `end_event_sent` of
-- FALSE on an instance that is not cancelled and has no row here therefore reads as TRUE.
CREATE TABLE action_instance_ends (
    instance_id TEXT PRIMARY KEY NOT NULL REFERENCES action_instances(id) ON DELETE CASCADE,
    expiry BIGINT NOT NULL
);
CREATE INDEX action_instance_ends_by_expiry ON action_instance_ends (expiry);
INSERT INTO action_instance_ends (instance_id, expiry)
    SELECT id, expiry FROM action_instances
    WHERE end_event_sent = FALSE AND cancelled = FALSE AND expiry IS NOT NULL;
DROP INDEX action_instances_end_due;
DROP INDEX action_instances_end_pending;
