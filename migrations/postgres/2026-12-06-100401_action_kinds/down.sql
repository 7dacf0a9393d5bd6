DROP INDEX user_actions_by_kind;
ALTER TABLE user_actions DROP COLUMN kind;
