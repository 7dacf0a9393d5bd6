-- The admin user search: ordered by email, filtered on email and names. The index holds every
-- column the filter reads, so a search that must look at every user scans this index instead of
-- the table (whose rows carry JSON data and password hashes), and a page in email order stops
-- early.
CREATE INDEX users_search ON users (email_ci, id, first_name, last_name, full_name);
