-- Instance search (§14.3) newest first among instances that may be current: the page of a
-- `state: active` search walks this index backwards and stops after one page, whatever the
-- number of matches. `expiry` is in the index so the walk reads no table row to filter.
CREATE INDEX action_instances_temporal_by_insert ON action_instances (insert_instant, id, expiry)
    WHERE cancelled = FALSE AND expiry IS NOT NULL;
-- Current instances of one definition, for counts that stop at a bound (dashboard, search).
CREATE INDEX action_instances_current_by_action ON action_instances (user_action_id, expiry)
    WHERE cancelled = FALSE;
-- One row: bumped by every write to definitions, reasons or tenants (and their localized
-- texts), so a process's cached copies of them are checked with one look-up, and writes by
-- other processes on the same database are seen.
CREATE TABLE read_cache_version (
    id INTEGER PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO read_cache_version (id, version) VALUES (1, 0);
