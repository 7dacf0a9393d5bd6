-- Staff of the admin app. A staff member is a user of the Default tenant (so that actions they
-- apply name them as actioner); the password is the user's.
CREATE TABLE staff (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    language TEXT,
    time_zone TEXT,
    insert_instant BIGINT NOT NULL,
    last_update_instant BIGINT NOT NULL
);

-- Server-side admin sessions; the cookie holds a random token, the row its SHA-256.
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (user_id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    insert_instant BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- One-time links that create the first administrator when none was configured.
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
