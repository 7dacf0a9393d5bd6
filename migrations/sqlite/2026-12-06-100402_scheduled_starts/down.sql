DROP TABLE action_instance_starts;
ALTER TABLE action_instances DROP COLUMN start_instant;
