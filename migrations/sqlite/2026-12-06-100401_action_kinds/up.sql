-- What a definition is for: penalty, entitlement, survey or other. Existing definitions get
-- theirs from their shape: one that prevents login punishes, one with options asks.
ALTER TABLE user_actions ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
UPDATE user_actions SET kind = 'penalty' WHERE prevent_login = TRUE;
UPDATE user_actions SET kind = 'survey'
    WHERE prevent_login = FALSE
    AND id IN (SELECT user_action_id FROM user_action_options);
CREATE INDEX user_actions_by_kind ON user_actions (kind);
