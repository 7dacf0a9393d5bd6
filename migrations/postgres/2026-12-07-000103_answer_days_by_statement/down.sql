DROP TRIGGER action_instance_days_insert ON action_instances;
DROP TRIGGER action_instance_days_delete ON action_instances;
DROP FUNCTION action_instance_days_count();

CREATE FUNCTION action_instance_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r action_instances%ROWTYPE;
    delta BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        r := NEW;
        delta := 1;
    ELSE
        r := OLD;
        delta := -1;
        IF NOT EXISTS (SELECT 1 FROM user_actions WHERE id = OLD.user_action_id) THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO action_instance_days
        (user_action_id, day, option_name, actioner_user_id, writer, answers)
    VALUES (r.user_action_id, r.insert_instant / 86400000, COALESCE(r.option_name, ''),
            COALESCE(r.actioner_user_id, ''), pg_backend_pid(), delta)
    ON CONFLICT (user_action_id, day, option_name, actioner_user_id, writer)
    DO UPDATE SET answers = action_instance_days.answers + EXCLUDED.answers;
    RETURN NULL;
END
$$;

CREATE TRIGGER action_instance_days_insert AFTER INSERT ON action_instances
    FOR EACH ROW WHEN (NEW.expiry IS NULL) EXECUTE FUNCTION action_instance_days_count();
CREATE TRIGGER action_instance_days_delete AFTER DELETE ON action_instances
    FOR EACH ROW WHEN (OLD.expiry IS NULL) EXECUTE FUNCTION action_instance_days_count();
