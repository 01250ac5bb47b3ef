-- One row per webhook, with a primary key and a unique record identity to maintain, as webhook-dispatcher's delivery
-- table has (its unique cloud_event_id).
CREATE TABLE delivery (
    id        UUID PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    target    TEXT NOT NULL,
    payload   TEXT NOT NULL
);
