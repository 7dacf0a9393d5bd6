-- The search's default order (newest first) across tenants, and its paging.
CREATE INDEX action_instances_by_insert ON action_instances (insert_instant, id);
-- Ends still to process: equality on both flags, then the expiry range. (SQLite's planner does
-- not pick the partial index of the first migration for this query.)
CREATE INDEX action_instances_end_pending ON action_instances (end_event_sent, cancelled, expiry);
