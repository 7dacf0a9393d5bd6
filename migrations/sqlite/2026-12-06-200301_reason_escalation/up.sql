-- A reason's escalation ladder (an extension): JSON {"window": ms, "durations": [ms]}; it wins
-- over the definition's when an escalating apply names the reason.
ALTER TABLE user_action_reasons ADD COLUMN escalation TEXT;
