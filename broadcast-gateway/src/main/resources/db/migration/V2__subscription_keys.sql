-- The keys subscription tokens are verified with, by key id, as read from tavern.vtt.subscription-keys.v1 (a key the
-- topic retires is deleted), so a replica that starts knows them before, and without, the topic.
CREATE TABLE subscription_key (
    key_id      TEXT        PRIMARY KEY,
    jwk         TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
