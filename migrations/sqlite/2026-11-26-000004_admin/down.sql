DROP TABLE setup_tokens;
DROP TABLE staff_sessions;
DROP TABLE staff;
