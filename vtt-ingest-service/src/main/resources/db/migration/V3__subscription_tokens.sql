-- Subscription tokens issued, so a tenant admin can list and revoke them. The token itself is not kept: its id is
-- its jti claim, which is what a revocation names.
CREATE TABLE subscription_token (
    id         UUID        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    channel    TEXT        NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

CREATE INDEX subscription_token_by_channel ON subscription_token (tenant_id, channel, issued_at DESC);
