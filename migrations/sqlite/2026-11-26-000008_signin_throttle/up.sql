-- Staff sign-in attempts, for throttling password guessing per email address and per client.
-- A row is written before the password is checked and deleted when the sign-in succeeds, so
-- what remains are failures (and attempts still being checked). Rows past the longest limit's
-- reach are deleted as new ones are written.
CREATE TABLE signin_attempts (
    id TEXT PRIMARY KEY,
    -- SHA-256 of the trimmed, lower-cased address typed: people sometimes type a password here.
    email_hash TEXT NOT NULL,
    client_ip TEXT,
    instant BIGINT NOT NULL
);
CREATE INDEX signin_attempts_by_email ON signin_attempts (email_hash, instant);
CREATE INDEX signin_attempts_by_client ON signin_attempts (client_ip, instant);
CREATE INDEX signin_attempts_by_instant ON signin_attempts (instant);
