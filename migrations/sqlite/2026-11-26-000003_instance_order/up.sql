-- The search's default order (newest first) across tenants, and its paging.
CREATE INDEX action_instances_by_insert ON action_instances (insert_instant, id);
