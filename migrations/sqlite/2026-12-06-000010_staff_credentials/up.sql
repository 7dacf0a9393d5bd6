-- Staff sign in with a password of their own, apart from their user's: an API key (which can
-- change users) never reaches it, and the API login cannot be used to guess it.
ALTER TABLE staff ADD COLUMN password_hash TEXT;

UPDATE staff
SET password_hash = (SELECT users.password_hash FROM users WHERE users.id = staff.user_id);

UPDATE users
SET password_hash = NULL
WHERE id IN (SELECT user_id FROM staff);
