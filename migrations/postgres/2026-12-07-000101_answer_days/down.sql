DROP TRIGGER action_instance_days_delete ON action_instances;
DROP TRIGGER action_instance_days_insert ON action_instances;
DROP FUNCTION action_instance_days_count();
DROP TABLE action_instance_days;
