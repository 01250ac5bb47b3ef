-- One row per roll, with a primary key to maintain as vtt-ingest-service's roll table has.
CREATE TABLE roll (
    id   UUID PRIMARY KEY,
    body TEXT NOT NULL
);
