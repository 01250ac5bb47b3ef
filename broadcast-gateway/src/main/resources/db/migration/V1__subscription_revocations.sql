-- What the gateway reads from tavern.vtt.subscription-revocations.v1 and must not forget across a restart: the
-- revoked tokens until they expire, and how far the replicas have read the topic, so a replica that starts loads
-- these and reads only what came after.
CREATE TABLE subscription_revocation (
    token_id   TEXT        PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX subscription_revocation_expires_at ON subscription_revocation (expires_at);

CREATE TABLE revocation_topic_position (
    partition   INTEGER PRIMARY KEY,
    next_offset BIGINT  NOT NULL
);
