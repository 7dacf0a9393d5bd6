-- The admin app's instances list, filtered by definition or by agent, newest first, one index
-- range per page (keyset paging); also a survey's answers by week and its recent comments.
CREATE INDEX action_instances_by_action_insert ON action_instances (user_action_id, insert_instant, id);
CREATE INDEX action_instances_by_actioner ON action_instances (actioner_user_id, insert_instant, id);
-- The dashboard: current instances counted per definition, and what expires soon. Partial, so
-- only queries that say `cancelled = FALSE` literally (the dashboard's) can use it.
CREATE INDEX action_instances_current ON action_instances (expiry, user_action_id)
    WHERE cancelled = FALSE;
