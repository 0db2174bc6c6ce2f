-- Every accepted event, once: the primary key drops a message id the source already sent.
CREATE TABLE archived_event (
    source_id    UUID NOT NULL,
    message_id   TEXT NOT NULL,
    type         TEXT NOT NULL,
    event        JSONB NOT NULL,
    happened_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_id, message_id)
);
CREATE INDEX archived_event_by_received ON archived_event (source_id, received_at);

-- Messages that broke a rule, with the reasons and the body as sent, until replayed.
CREATE TABLE failed_event (
    id             UUID PRIMARY KEY,
    source_id      UUID NOT NULL,
    message_id     TEXT NOT NULL,
    type           TEXT,
    violations     JSONB NOT NULL,
    reason         TEXT NOT NULL,
    original_body  TEXT NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL,
    replayed_at    TIMESTAMPTZ
);
CREATE INDEX failed_event_by_source ON failed_event (source_id, received_at DESC);

-- Counts kept per source, for what cannot be counted from the tables above.
CREATE TABLE source_counter (
    source_id   UUID NOT NULL,
    name        TEXT NOT NULL,
    value       BIGINT NOT NULL,
    PRIMARY KEY (source_id, name)
);
