ALTER TABLE action_instances DROP COLUMN escalation_step;
ALTER TABLE user_actions DROP COLUMN escalation;
