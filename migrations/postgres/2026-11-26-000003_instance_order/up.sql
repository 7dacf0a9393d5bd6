-- The search's default order (newest first) across tenants, and its paging.
CREATE INDEX action_instances_by_insert ON action_instances (insert_instant, id);
-- `state` filters (active / ended / cancelled) and their counts, answered from the index alone.
CREATE INDEX action_instances_by_state ON action_instances (cancelled, expiry);
