UPDATE action_instances SET end_event_sent = TRUE
    WHERE end_event_sent = FALSE AND cancelled = FALSE
    AND id NOT IN (SELECT instance_id FROM action_instance_ends);
CREATE INDEX action_instances_end_due ON action_instances (expiry)
    WHERE end_event_sent = FALSE AND cancelled = FALSE;
CREATE INDEX action_instances_end_pending ON action_instances (end_event_sent, cancelled, expiry);
DROP TABLE action_instance_ends;
