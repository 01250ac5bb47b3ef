-- Intake order: deliveries of one event go out in this order, a later one waiting while an earlier one is pending.
ALTER TABLE delivery
    ADD COLUMN intake_seq       BIGINT GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN first_attempt_at TIMESTAMPTZ;

-- next_attempt_at doubles as a lease: claiming a delivery moves it past the attempt's timeout,
-- so no other instance takes it while the attempt is under way, and a crashed one's comes back.
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_pending_by_event ON delivery (event_id, intake_seq) WHERE status = 'PENDING';
CREATE INDEX delivery_by_status_time ON delivery (status, created_at);

ALTER TABLE delivery_attempt ADD COLUMN attempt_number INT NOT NULL DEFAULT 1;

-- Standard Webhooks signing secrets per tenant, encrypted at rest (AES-GCM, key from configuration).
-- The current secret has no end; a rotated-out one signs alongside it until valid_until.
CREATE TABLE signing_secret (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    ciphertext  BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ
);

CREATE UNIQUE INDEX signing_secret_current ON signing_secret (tenant_id) WHERE valid_until IS NULL;
