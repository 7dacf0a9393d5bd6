DROP INDEX action_instances_by_actionee;
CREATE INDEX action_instances_by_actionee ON action_instances (actionee_user_id, insert_instant);
