-- JSON Schemas a source declares for its events. Versions are kept: a failed event records the
-- version it failed against, and replaying it after a fix uses the newest.
CREATE TABLE event_schema (
    source_id   UUID NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    event_key   TEXT NOT NULL,
    version     INT NOT NULL,
    schema      JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, event_key, version)
);
