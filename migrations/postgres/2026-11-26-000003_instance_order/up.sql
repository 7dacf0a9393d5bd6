-- The search's default order (newest first) across tenants, and its paging.
CREATE INDEX action_instances_by_insert ON action_instances (insert_instant, id);
-- `state` filters (active / ended / cancelled) and their counts, answered from the index alone.
CREATE INDEX action_instances_by_state ON action_instances (cancelled, expiry);
-- Ends still to process: equality on both flags, then the expiry range. (SQLite's planner
-- prefers (cancelled, expiry) over the partial index of the first migration, and that one
-- also visits every instance that already ended.)
CREATE INDEX action_instances_end_pending ON action_instances (end_event_sent, cancelled, expiry);
