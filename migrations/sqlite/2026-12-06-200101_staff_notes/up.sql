-- Notes staff write about a user, or about one of the user's instances: for staff eyes only, so
-- they live apart from instances (whose comment goes to webhooks, emails and the API).
CREATE TABLE staff_notes (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    instance_id TEXT REFERENCES action_instances(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_instant BIGINT NOT NULL
);
CREATE INDEX staff_notes_by_user ON staff_notes (user_id, created_instant);
CREATE INDEX staff_notes_by_instance ON staff_notes (instance_id);
