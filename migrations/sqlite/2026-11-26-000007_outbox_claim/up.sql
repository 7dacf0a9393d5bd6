-- Each kind (webhook, email) is claimed by its own loop, in record order: the index holds the
-- whole sort key, so a claim reads only the rows it returns, even when many share an instant.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (kind, next_attempt_instant, id) WHERE status = 'pending';
