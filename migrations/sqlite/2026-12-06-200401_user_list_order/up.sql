-- A user's instances are listed in (insert_instant, id) order: with id in the index the list
-- reads its rows in order and sorts nothing.
DROP INDEX action_instances_by_actionee;
CREATE INDEX action_instances_by_actionee ON action_instances (actionee_user_id, insert_instant, id);
