-- A temporal penalty's escalation ladder (an extension): JSON {"window": ms, "durations": [ms]}.
ALTER TABLE user_actions ADD COLUMN escalation TEXT;
-- The ladder step an escalating apply took.
ALTER TABLE action_instances ADD COLUMN escalation_step INTEGER;
