DROP TABLE action_instance_reminders;
ALTER TABLE user_actions DROP COLUMN reminders;
