-- Temporal instances that are not cancelled, counted per definition by when they expire, at
-- three sizes of span: hours (3,600,000 ms), days (86,400,000) and 32-day blocks
-- (2,764,800,000); a day is 24 hours and a block 32 days, so each span divides the next.
-- What is current at `now` is then the blocks after now's, the days after today within its
-- block, the hours after this one within today, and this hour's instances read one by one:
-- a few dozen rows per definition, however many instances there are (minus scheduled ones,
-- which start later and are few). Triggers keep the counts on every insert, update and delete,
-- cascades included. Each connection counts into rows of its own (`writer`: its backend's
-- process id), as in action_instance_days, so two writers never wait on one counter row.
CREATE TABLE action_instance_expiry_counts (
    span BIGINT NOT NULL,
    bucket BIGINT NOT NULL,
    user_action_id TEXT NOT NULL REFERENCES user_actions(id) ON DELETE CASCADE,
    writer INTEGER NOT NULL,
    instances BIGINT NOT NULL,
    PRIMARY KEY (span, bucket, user_action_id, writer)
);
CREATE INDEX action_instance_expiry_counts_by_action
    ON action_instance_expiry_counts (user_action_id);

-- Only spans that end after the migration can ever be read again.
INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
SELECT s.span, i.expiry / s.span, i.user_action_id, 0, COUNT(*)
FROM action_instances i, (VALUES (3600000::BIGINT), (86400000), (2764800000)) AS s(span)
WHERE i.cancelled = FALSE AND i.expiry IS NOT NULL
  AND i.expiry >= (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT - 2764800000
GROUP BY s.span, i.expiry / s.span, i.user_action_id;

-- Statement-level triggers: a statement that writes many instances (an import, a cascade)
-- adds one grouped delta per span, bucket and definition, instead of updating one counter row
-- once per instance (in one transaction, each update of a row adds a version the next must step
-- over: 10,000 instances in one bucket took 7 s row by row).
CREATE FUNCTION action_instance_expiry_counts_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
        SELECT s.span, n.expiry / s.span, n.user_action_id, pg_backend_pid(), COUNT(*)
        FROM new_rows n, (VALUES (3600000::BIGINT), (86400000), (2764800000)) AS s(span)
        WHERE n.expiry IS NOT NULL AND NOT n.cancelled
        GROUP BY 1, 2, 3
        ON CONFLICT (span, bucket, user_action_id, writer)
        DO UPDATE SET instances = action_instance_expiry_counts.instances + EXCLUDED.instances;
    ELSIF TG_OP = 'DELETE' THEN
        -- A definition's own deletion cascades to its counts as well as to its instances.
        INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
        SELECT s.span, o.expiry / s.span, o.user_action_id, pg_backend_pid(), -COUNT(*)
        FROM old_rows o, (VALUES (3600000::BIGINT), (86400000), (2764800000)) AS s(span)
        WHERE o.expiry IS NOT NULL AND NOT o.cancelled
          AND EXISTS (SELECT 1 FROM user_actions a WHERE a.id = o.user_action_id)
        GROUP BY 1, 2, 3
        ON CONFLICT (span, bucket, user_action_id, writer)
        DO UPDATE SET instances = action_instance_expiry_counts.instances + EXCLUDED.instances;
    ELSE
        -- Rows whose expiry, cancellation and definition did not change cancel out.
        INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
        SELECT s.span, c.expiry / s.span, c.user_action_id, pg_backend_pid(), SUM(c.delta)
        FROM (SELECT expiry, user_action_id, -1 AS delta FROM old_rows
              WHERE expiry IS NOT NULL AND NOT cancelled
              UNION ALL
              SELECT expiry, user_action_id, 1 FROM new_rows
              WHERE expiry IS NOT NULL AND NOT cancelled) AS c,
             (VALUES (3600000::BIGINT), (86400000), (2764800000)) AS s(span)
        GROUP BY 1, 2, 3
        HAVING SUM(c.delta) <> 0
        ON CONFLICT (span, bucket, user_action_id, writer)
        DO UPDATE SET instances = action_instance_expiry_counts.instances + EXCLUDED.instances;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER action_instance_expiry_counts_insert AFTER INSERT ON action_instances
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_instance_expiry_counts_count();
CREATE TRIGGER action_instance_expiry_counts_update AFTER UPDATE ON action_instances
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_instance_expiry_counts_count();
CREATE TRIGGER action_instance_expiry_counts_delete AFTER DELETE ON action_instances
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_instance_expiry_counts_count();

-- Scheduled instances (a start still to come) are counted by expiry but are not current yet:
-- the dashboard subtracts them, reading this index from now on.
CREATE INDEX action_instances_scheduled
    ON action_instances (start_instant, user_action_id, expiry, cancelled)
    WHERE cancelled = FALSE AND start_instant IS NOT NULL;
