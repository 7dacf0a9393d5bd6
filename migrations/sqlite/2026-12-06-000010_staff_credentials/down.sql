-- The staff password becomes the user's again, where the user has none of its own.
UPDATE users
SET password_hash = (SELECT staff.password_hash FROM staff WHERE staff.user_id = users.id)
WHERE password_hash IS NULL AND id IN (SELECT user_id FROM staff);

ALTER TABLE staff DROP COLUMN password_hash;
