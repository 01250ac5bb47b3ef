-- One webhook to send: created when its scheduling record is consumed, before the first attempt.
CREATE TABLE delivery (
    id              UUID        PRIMARY KEY,
    cloud_event_id  UUID        NOT NULL UNIQUE,
    tenant_id       TEXT        NOT NULL,
    event_id        BIGINT      NOT NULL,
    event_type      TEXT        NOT NULL,
    target_url      TEXT        NOT NULL,
    payload         TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    attempt_count   INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    last_error      TEXT
);

CREATE INDEX delivery_by_event ON delivery (event_id, created_at);

CREATE TABLE delivery_attempt (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   UUID        NOT NULL REFERENCES delivery (id),
    attempted_at  TIMESTAMPTZ NOT NULL,
    status_code   INT,
    latency_ms    BIGINT      NOT NULL,
    error         TEXT,
    response_body TEXT
);

CREATE INDEX delivery_attempt_by_delivery ON delivery_attempt (delivery_id, attempted_at);
