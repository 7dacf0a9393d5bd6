-- Instantaneous instances (survey answers) counted per UTC day, definition, option and
-- actioner. Triggers keep the counts on every insert and delete, cascades included, so the
-- dashboard's survey trend sums a few hundred rows however many answers there are.
-- Each connection counts into rows of its own (`writer`: its backend's process id), so two
-- writers never wait on one counter row, nor lock two in opposite orders; a delete counts -1 in
-- its own row. An empty option or actioner stands for none (a primary key holds no NULL).
CREATE TABLE action_instance_days (
    user_action_id TEXT NOT NULL REFERENCES user_actions(id) ON DELETE CASCADE,
    day BIGINT NOT NULL,
    option_name TEXT NOT NULL,
    actioner_user_id TEXT NOT NULL,
    writer INTEGER NOT NULL,
    answers BIGINT NOT NULL,
    PRIMARY KEY (user_action_id, day, option_name, actioner_user_id, writer)
);

INSERT INTO action_instance_days (user_action_id, day, option_name, actioner_user_id, writer, answers)
SELECT user_action_id, insert_instant / 86400000, COALESCE(option_name, ''),
       COALESCE(actioner_user_id, ''), 0, COUNT(*)
FROM action_instances
WHERE expiry IS NULL
GROUP BY user_action_id, insert_instant / 86400000, COALESCE(option_name, ''),
         COALESCE(actioner_user_id, '');

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
        -- The definition's own deletion cascades to its counts as well as to its instances.
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
