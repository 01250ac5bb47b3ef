-- A VTT module's link to Tavern; its API key is kept only as a SHA-256 hash.
CREATE TABLE vtt_connection (
    id           UUID        PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    provider     TEXT        NOT NULL,
    api_key_hash BYTEA       NOT NULL UNIQUE,
    status       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ
);

CREATE TABLE campaign (
    id              UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    connection_id   UUID        NOT NULL REFERENCES vtt_connection (id),
    vtt_campaign_id TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (connection_id, vtt_campaign_id)
);

CREATE TABLE game_character (
    id               UUID PRIMARY KEY,
    campaign_id      UUID NOT NULL REFERENCES campaign (id),
    vtt_character_id TEXT NOT NULL,
    name             TEXT NOT NULL,
    UNIQUE (campaign_id, vtt_character_id)
);

-- rollId is unique per campaign by constraint: concurrent duplicates cannot both be stored.
CREATE TABLE dice_roll (
    id            UUID             PRIMARY KEY,
    campaign_id   UUID             NOT NULL REFERENCES campaign (id),
    character_id  UUID             NOT NULL REFERENCES game_character (id),
    vtt_roll_id   TEXT             NOT NULL,
    roll_formula  TEXT             NOT NULL,
    result        NUMERIC          NOT NULL,
    dice_results  TEXT             NOT NULL,
    is_critical   BOOLEAN          NOT NULL,
    critical_type TEXT,
    is_hidden     BOOLEAN          NOT NULL,
    roll_type     TEXT,
    metadata      TEXT,
    recorded_at   TIMESTAMPTZ      NOT NULL,
    UNIQUE (campaign_id, vtt_roll_id)
);

CREATE INDEX dice_roll_recent ON dice_roll (campaign_id, recorded_at DESC);
