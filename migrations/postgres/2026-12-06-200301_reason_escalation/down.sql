ALTER TABLE user_action_reasons DROP COLUMN escalation;
