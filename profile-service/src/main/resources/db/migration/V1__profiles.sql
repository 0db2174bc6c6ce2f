-- One row per person as the platform knows them.
CREATE TABLE profile (
    id          UUID PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The identity graph: each normalised identifier points at exactly one profile.
CREATE TABLE profile_identifier (
    type          TEXT NOT NULL,
    value         TEXT NOT NULL,
    profile_id    UUID NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (type, value)
);
CREATE INDEX profile_identifier_by_profile ON profile_identifier (profile_id);

-- Latest value of each trait, with where it came from.
CREATE TABLE profile_trait (
    profile_id  UUID NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       JSONB NOT NULL,
    source_id   TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (profile_id, name)
);
