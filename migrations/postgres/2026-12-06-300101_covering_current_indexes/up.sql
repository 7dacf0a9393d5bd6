-- "Current" reads `start_instant` and `cancelled` as well as `expiry`. With every column it reads
-- in the indexes that serve it, a bounded count (the search's total, the dashboard's cards) reads
-- index entries only instead of fetching one table row per entry counted. (`cancelled` is listed
-- although the indexes are partial on it: SQLite counts an index as covering only when every
-- column the query names is one of the index's columns.)
DROP INDEX action_instances_current;
CREATE INDEX action_instances_current
    ON action_instances (expiry, user_action_id, start_instant, cancelled)
    WHERE cancelled = FALSE;
DROP INDEX action_instances_current_by_action;
CREATE INDEX action_instances_current_by_action
    ON action_instances (user_action_id, expiry, start_instant, cancelled)
    WHERE cancelled = FALSE;
DROP INDEX action_instances_temporal_by_insert;
CREATE INDEX action_instances_temporal_by_insert
    ON action_instances (insert_instant, id, expiry, start_instant, cancelled)
    WHERE cancelled = FALSE AND expiry IS NOT NULL;
