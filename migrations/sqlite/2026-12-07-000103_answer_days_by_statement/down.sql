-- PostgreSQL's answer counts move to statement-level triggers here; SQLite has row triggers
-- only, and its counter rows carry no versions, so nothing changes on SQLite.
SELECT 1;
