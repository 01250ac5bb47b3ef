-- Tenants (communities) and their admin keys, kept only as SHA-256 hashes.
CREATE TABLE tenant (
    id             TEXT        PRIMARY KEY,
    name           TEXT        NOT NULL,
    admin_key_hash BYTEA       NOT NULL UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE INDEX vtt_connection_by_tenant ON vtt_connection (tenant_id, created_at);
CREATE INDEX campaign_by_tenant ON campaign (tenant_id, created_at);

CREATE TABLE streamer (
    id           UUID        PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX streamer_by_tenant ON streamer (tenant_id, created_at);

-- One streamer per character (a character belongs to one campaign).
ALTER TABLE game_character ADD COLUMN streamer_id UUID REFERENCES streamer (id) ON DELETE SET NULL;
CREATE INDEX game_character_by_streamer ON game_character (campaign_id, streamer_id) WHERE streamer_id IS NOT NULL;

-- Requests per API key and endpoint in fixed one-minute windows, shared by every replica.
CREATE TABLE rate_limit_window (
    connection_id UUID        NOT NULL,
    endpoint      TEXT        NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    requests      INT         NOT NULL,
    PRIMARY KEY (connection_id, endpoint, window_start)
);
