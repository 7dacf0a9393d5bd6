DROP INDEX outbox_failed_events;
DROP INDEX outbox_event_sequence;
DROP INDEX outbox_by_event;
DROP INDEX outbox_event_order;
ALTER TABLE outbox DROP COLUMN event_sequence;
