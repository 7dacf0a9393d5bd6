-- What a form's answer shows once on the page after its redirect (Post/Redirect/Get), such as a
-- new API key: kept per session, sealed with the session's secret cookie (which the database
-- never holds), and deleted when shown, when the session ends, or after a few minutes.
CREATE TABLE staff_flashes (
    token_hash TEXT NOT NULL REFERENCES staff_sessions (token_hash) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sealed TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (token_hash, name)
);
