-- A segment and the versions of its rule: membership is always explained against one version.
CREATE TABLE segment (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE segment_rule_version (
    segment_id  UUID NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    version     INT NOT NULL,
    definition  JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, version)
);
