-- A brand's source of events (a website, a shop's till) and what it may send.
CREATE TABLE source (
    id                     UUID PRIMARY KEY,
    brand                  TEXT NOT NULL,
    name                   TEXT NOT NULL,
    allowed_origins        TEXT[] NOT NULL DEFAULT '{}',
    rate_limit_per_second  INT NOT NULL CHECK (rate_limit_per_second > 0),
    event_types            TEXT[] NOT NULL,
    enabled                BOOLEAN NOT NULL DEFAULT TRUE,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (brand, name)
);

-- Write keys are shown once and kept only as SHA-256 hashes. They are 192 random bits, so a fast
-- hash is as safe as a slow one here and keeps the collection path quick.
CREATE TABLE write_key (
    key_hash    TEXT PRIMARY KEY,
    source_id   UUID NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    key_prefix  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX write_key_by_source ON write_key (source_id);
