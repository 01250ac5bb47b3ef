-- The public keys subscription tokens were signed with, by key id, as published on tavern.vtt.subscription-keys.v1. A
-- replica that starts publishes its key only when this table does not hold it yet under its key id, so replicas that
-- start together, or again, publish it once.
CREATE TABLE subscription_signing_key (
    key_id       TEXT        PRIMARY KEY,
    jwk          TEXT        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL
);
