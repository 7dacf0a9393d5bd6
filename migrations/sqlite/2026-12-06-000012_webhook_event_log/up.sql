-- The webhook event log (§14.5) reads the outbox's webhook deliveries grouped by event: every
-- delivery of one event carries the event's sequence number, in the order events were recorded.
ALTER TABLE outbox ADD COLUMN event_sequence BIGINT;
UPDATE outbox SET event_sequence = numbered.n
    FROM (SELECT event_id, ROW_NUMBER() OVER (ORDER BY MIN(insert_instant), MIN(id)) AS n
          FROM outbox WHERE kind = 'webhook' AND event_id IS NOT NULL GROUP BY event_id) AS numbered
    WHERE outbox.kind = 'webhook' AND outbox.event_id = numbered.event_id;
-- The search's order (insertInstant, then sequence), holding the event id: a page reads only its
-- own entries. Its columns never change after insert, so delivery outcomes do not touch it.
CREATE INDEX outbox_event_order ON outbox (insert_instant, event_sequence, event_id)
    WHERE kind = 'webhook';
-- One event's deliveries: retrieval by id, and the result of an event (are any still pending?).
CREATE INDEX outbox_by_event ON outbox (event_id) WHERE kind = 'webhook';
-- The next sequence number is the largest one plus one (SQLite has a single writer).
CREATE INDEX outbox_event_sequence ON outbox (event_sequence) WHERE kind = 'webhook';
-- Failed deliveries are few: a search for failed events reads only them.
CREATE INDEX outbox_failed_events ON outbox (insert_instant, event_sequence, event_id)
    WHERE kind = 'webhook' AND status = 'failed';
