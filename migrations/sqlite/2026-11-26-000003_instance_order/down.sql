DROP INDEX action_instances_end_pending;
DROP INDEX action_instances_by_state;
DROP INDEX action_instances_by_insert;
