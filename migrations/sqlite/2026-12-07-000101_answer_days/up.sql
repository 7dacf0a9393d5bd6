-- Instantaneous instances (survey answers) counted per UTC day, definition, option and
-- actioner. Triggers keep the counts on every insert and delete, cascades included, so the
-- dashboard's survey trend sums a few hundred rows however many answers there are. `writer`
-- is 0 here (one connection writes); on PostgreSQL each connection counts into rows of its own.
-- An empty option or actioner stands for none (a primary key holds no NULL on PostgreSQL).
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

CREATE TRIGGER action_instance_days_insert AFTER INSERT ON action_instances
WHEN NEW.expiry IS NULL
BEGIN
    INSERT INTO action_instance_days
        (user_action_id, day, option_name, actioner_user_id, writer, answers)
    VALUES (NEW.user_action_id, NEW.insert_instant / 86400000, COALESCE(NEW.option_name, ''),
            COALESCE(NEW.actioner_user_id, ''), 0, 1)
    ON CONFLICT (user_action_id, day, option_name, actioner_user_id, writer)
    DO UPDATE SET answers = answers + 1;
END;

CREATE TRIGGER action_instance_days_delete AFTER DELETE ON action_instances
WHEN OLD.expiry IS NULL
BEGIN
    UPDATE action_instance_days SET answers = answers - 1
    WHERE user_action_id = OLD.user_action_id
      AND day = OLD.insert_instant / 86400000
      AND option_name = COALESCE(OLD.option_name, '')
      AND actioner_user_id = COALESCE(OLD.actioner_user_id, '')
      AND writer = 0;
END;
