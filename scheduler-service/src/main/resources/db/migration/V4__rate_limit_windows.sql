-- Requests per client address and limit in fixed one-minute windows, shared by every replica (@RateLimited).
CREATE TABLE rate_limit_window (
    subject      TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    requests     INT         NOT NULL,
    PRIMARY KEY (subject, name, window_start)
);
