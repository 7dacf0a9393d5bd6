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

CREATE FUNCTION action_instance_expiry_counts_add(r action_instances, delta BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO action_instance_expiry_counts (span, bucket, user_action_id, writer, instances)
    SELECT s.span, r.expiry / s.span, r.user_action_id, pg_backend_pid(), delta
    FROM (VALUES (3600000::BIGINT), (86400000), (2764800000)) AS s(span)
    ON CONFLICT (span, bucket, user_action_id, writer)
    DO UPDATE SET instances = action_instance_expiry_counts.instances + EXCLUDED.instances;
$$;

CREATE FUNCTION action_instance_expiry_counts_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.expiry IS NOT NULL AND NOT OLD.cancelled
        -- The definition's own deletion cascades to its counts as well as to its instances.
        AND EXISTS (SELECT 1 FROM user_actions WHERE id = OLD.user_action_id) THEN
        PERFORM action_instance_expiry_counts_add(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.expiry IS NOT NULL AND NOT NEW.cancelled THEN
        PERFORM action_instance_expiry_counts_add(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER action_instance_expiry_counts_insert AFTER INSERT ON action_instances
    FOR EACH ROW WHEN (NEW.expiry IS NOT NULL AND NOT NEW.cancelled)
    EXECUTE FUNCTION action_instance_expiry_counts_count();
CREATE TRIGGER action_instance_expiry_counts_update
    AFTER UPDATE OF expiry, cancelled, user_action_id ON action_instances
    FOR EACH ROW WHEN (OLD.expiry IS DISTINCT FROM NEW.expiry
        OR OLD.cancelled IS DISTINCT FROM NEW.cancelled
        OR OLD.user_action_id IS DISTINCT FROM NEW.user_action_id)
    EXECUTE FUNCTION action_instance_expiry_counts_count();
CREATE TRIGGER action_instance_expiry_counts_delete AFTER DELETE ON action_instances
    FOR EACH ROW WHEN (OLD.expiry IS NOT NULL AND NOT OLD.cancelled)
    EXECUTE FUNCTION action_instance_expiry_counts_count();

-- Scheduled instances (a start still to come) are counted by expiry but are not current yet:
-- the dashboard subtracts them, reading this index from now on.
CREATE INDEX action_instances_scheduled
    ON action_instances (start_instant, user_action_id, expiry, cancelled)
    WHERE cancelled = FALSE AND start_instant IS NOT NULL;
