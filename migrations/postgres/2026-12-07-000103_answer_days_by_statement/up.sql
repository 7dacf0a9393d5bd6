-- The answer counts of migration 000101 per statement instead of per row: a statement that
-- writes many answers (an import, a cascade) adds one grouped delta per day, option and
-- actioner instead of updating one counter row once per answer (in one transaction, each update
-- of a row adds a version the next must step over).
DROP TRIGGER action_instance_days_insert ON action_instances;
DROP TRIGGER action_instance_days_delete ON action_instances;
DROP FUNCTION action_instance_days_count();

CREATE FUNCTION action_instance_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO action_instance_days
            (user_action_id, day, option_name, actioner_user_id, writer, answers)
        SELECT n.user_action_id, n.insert_instant / 86400000, COALESCE(n.option_name, ''),
               COALESCE(n.actioner_user_id, ''), pg_backend_pid(), COUNT(*)
        FROM new_rows n
        WHERE n.expiry IS NULL
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (user_action_id, day, option_name, actioner_user_id, writer)
        DO UPDATE SET answers = action_instance_days.answers + EXCLUDED.answers;
    ELSE
        -- The definition's own deletion cascades to its counts as well as to its instances.
        INSERT INTO action_instance_days
            (user_action_id, day, option_name, actioner_user_id, writer, answers)
        SELECT o.user_action_id, o.insert_instant / 86400000, COALESCE(o.option_name, ''),
               COALESCE(o.actioner_user_id, ''), pg_backend_pid(), -COUNT(*)
        FROM old_rows o
        WHERE o.expiry IS NULL
          AND EXISTS (SELECT 1 FROM user_actions a WHERE a.id = o.user_action_id)
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (user_action_id, day, option_name, actioner_user_id, writer)
        DO UPDATE SET answers = action_instance_days.answers + EXCLUDED.answers;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER action_instance_days_insert AFTER INSERT ON action_instances
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_instance_days_count();
CREATE TRIGGER action_instance_days_delete AFTER DELETE ON action_instances
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_instance_days_count();
