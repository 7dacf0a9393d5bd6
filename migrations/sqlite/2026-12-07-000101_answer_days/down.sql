DROP TRIGGER action_instance_days_delete;
DROP TRIGGER action_instance_days_insert;
DROP TABLE action_instance_days;
