DROP INDEX action_instances_temporal_by_insert;
CREATE INDEX action_instances_temporal_by_insert ON action_instances (insert_instant, id, expiry)
    WHERE cancelled = FALSE AND expiry IS NOT NULL;
DROP INDEX action_instances_current_by_action;
CREATE INDEX action_instances_current_by_action ON action_instances (user_action_id, expiry)
    WHERE cancelled = FALSE;
DROP INDEX action_instances_current;
CREATE INDEX action_instances_current ON action_instances (expiry, user_action_id)
    WHERE cancelled = FALSE;
