DROP TABLE outbox;
DROP TABLE webhooks;
DROP TABLE signing_keys;
