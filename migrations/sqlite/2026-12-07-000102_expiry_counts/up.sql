-- Temporal instances that are not cancelled, counted per definition by when they expire, at
-- three sizes of span: hours (3,600,000 ms), days (86,400,000) and 32-day blocks
-- (2,764,800,000); a day is 24 hours and a block 32 days, so each span divides the next.
-- What is current at `now` is then the blocks after now's, the days after today within its
-- block, the hours after this one within today, and this hour's instances read one by one:
-- a few dozen rows per definition, however many instances there are (minus scheduled ones,
-- which start later and are few). Triggers keep the counts on every insert, update and delete,
-- cascades included. `writer` is the writing connection on PostgreSQL (see answer_days); here
-- the one writer is 0. Without a rowid, the table is its primary key's index: a range of
-- buckets is read in one pass, with no lookup per row.
CREATE TABLE action_instance_expiry_counts (
    span BIGINT NOT NULL,
    bucket BIGINT NOT NULL,
    user_action_id TEXT NOT NULL REFERENCES user_actions(id) ON DELETE CASCADE,
    writer INTEGER NOT NULL,
    instances BIGINT NOT NULL,
    PRIMARY KEY (span, bucket, user_action_id, writer)
) WITHOUT ROWID;
CREATE INDEX action_instance_expiry_counts_by_action
    ON action_instance_expiry_counts (user_action_id);

-- Only spans that end after the migration can ever be read again.
INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
SELECT s.span, i.expiry / s.span, i.user_action_id, 0, COUNT(*)
FROM action_instances i,
     (SELECT 3600000 AS span UNION ALL SELECT 86400000 UNION ALL SELECT 2764800000) s
WHERE i.cancelled = FALSE AND i.expiry IS NOT NULL
  AND i.expiry >= CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 2764800000
GROUP BY s.span, i.expiry / s.span, i.user_action_id;

CREATE TRIGGER action_instance_expiry_counts_insert AFTER INSERT ON action_instances
WHEN NEW.expiry IS NOT NULL AND NEW.cancelled = FALSE
BEGIN
    INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
    SELECT s.span, NEW.expiry / s.span, NEW.user_action_id, 0, 1
    FROM (SELECT 3600000 AS span UNION ALL SELECT 86400000 UNION ALL SELECT 2764800000) s
    WHERE TRUE
    ON CONFLICT (span, bucket, user_action_id, writer) DO UPDATE SET instances = instances + 1;
END;

CREATE TRIGGER action_instance_expiry_counts_update AFTER UPDATE OF expiry, cancelled, user_action_id
ON action_instances
WHEN OLD.expiry IS NOT NEW.expiry OR OLD.cancelled IS NOT NEW.cancelled
    OR OLD.user_action_id IS NOT NEW.user_action_id
BEGIN
    UPDATE action_instance_expiry_counts SET instances = instances - 1
    WHERE OLD.expiry IS NOT NULL AND OLD.cancelled = FALSE
      AND user_action_id = OLD.user_action_id AND writer = 0
      AND ((span = 3600000 AND bucket = OLD.expiry / 3600000)
        OR (span = 86400000 AND bucket = OLD.expiry / 86400000)
        OR (span = 2764800000 AND bucket = OLD.expiry / 2764800000));
    INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
    SELECT s.span, NEW.expiry / s.span, NEW.user_action_id, 0, 1
    FROM (SELECT 3600000 AS span UNION ALL SELECT 86400000 UNION ALL SELECT 2764800000) s
    WHERE NEW.expiry IS NOT NULL AND NEW.cancelled = FALSE
    ON CONFLICT (span, bucket, user_action_id, writer) DO UPDATE SET instances = instances + 1;
END;

-- An update, not an upsert: when the definition itself is deleted, its counts may already be
-- gone, and a new row would name a definition that no longer exists.
CREATE TRIGGER action_instance_expiry_counts_delete AFTER DELETE ON action_instances
WHEN OLD.expiry IS NOT NULL AND OLD.cancelled = FALSE
BEGIN
    UPDATE action_instance_expiry_counts SET instances = instances - 1
    WHERE user_action_id = OLD.user_action_id AND writer = 0
      AND ((span = 3600000 AND bucket = OLD.expiry / 3600000)
        OR (span = 86400000 AND bucket = OLD.expiry / 86400000)
        OR (span = 2764800000 AND bucket = OLD.expiry / 2764800000));
END;

-- Scheduled instances (a start still to come) are counted by expiry but are not current yet:
-- the dashboard subtracts them, reading this index from now on.
CREATE INDEX action_instances_scheduled
    ON action_instances (start_instant, user_action_id, expiry, cancelled)
    WHERE cancelled = FALSE AND start_instant IS NOT NULL;
