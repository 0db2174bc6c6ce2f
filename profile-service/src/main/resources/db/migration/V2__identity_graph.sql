-- A merged-away profile keeps its id and points at the profile it was folded into (its direct
-- parent, so that an unmerge can split the tree back along the merge log).
ALTER TABLE profile ADD COLUMN merged_into UUID REFERENCES profile (id) ON DELETE SET NULL;
CREATE INDEX profile_by_parent ON profile (merged_into) WHERE merged_into IS NOT NULL;

-- status: linked (links people), shared (seen with too many different people: links nobody) or
-- removed (taken off by an admin: links nobody). origin_profile_id is the profile the identifier
-- was first attached to, which an unmerge restores; linked_by is the event that brought it.
ALTER TABLE profile_identifier
    ADD COLUMN status            TEXT NOT NULL DEFAULT 'linked',
    ADD COLUMN conflicts         INT  NOT NULL DEFAULT 0,
    ADD COLUMN origin_profile_id UUID,
    ADD COLUMN linked_by         TEXT;
UPDATE profile_identifier SET origin_profile_id = profile_id;
ALTER TABLE profile_identifier ALTER COLUMN origin_profile_id SET NOT NULL;
CREATE INDEX profile_identifier_by_origin ON profile_identifier (origin_profile_id);
CREATE INDEX profile_identifier_shared ON profile_identifier (type) WHERE status = 'shared';

-- Trait values win by source rank first, then by the time of the event that set them.
ALTER TABLE profile_trait ADD COLUMN source_rank INT NOT NULL DEFAULT 0;

-- Every event resolved, with the profile it belongs to now and the one it first landed on.
CREATE TABLE profile_event (
    message_id        TEXT PRIMARY KEY,
    profile_id        UUID NOT NULL REFERENCES profile (id),
    origin_profile_id UUID NOT NULL,
    source_id         TEXT NOT NULL,
    type              TEXT NOT NULL,
    name              TEXT,
    occurred_at       TIMESTAMPTZ NOT NULL,
    revenue           NUMERIC,
    body              JSONB NOT NULL
);
CREATE INDEX profile_event_timeline ON profile_event (profile_id, occurred_at DESC, message_id DESC);
CREATE INDEX profile_event_by_origin ON profile_event (origin_profile_id);

-- Message ids already applied: a redelivered event changes nothing. Kept after an erasure, so a
-- replayed event of an erased person is not resolved again.
CREATE TABLE processed_event (
    message_id   TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Merge rules per identifier type (shipped defaults below; admins change them).
CREATE TABLE merge_rule (
    identifier_type   TEXT PRIMARY KEY,
    priority          INT  NOT NULL,
    max_per_profile   INT  NOT NULL,
    shared_after      INT  NOT NULL,
    blocked_values    JSONB NOT NULL DEFAULT '[]',
    -- for external: trait names whose values are the brand's own ids (e.g. crm_id)
    declared_traits   JSONB NOT NULL DEFAULT '[]',
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO merge_rule (identifier_type, priority, max_per_profile, shared_after, blocked_values) VALUES
    ('user_id',      100, 1,   3, '["null","undefined","anonymous","0","none","unknown","test","guest"]'),
    ('external',      90, 3,   3, '[]'),
    ('email',         80, 3,   3, '["test@test.com","test@example.com","noreply@example.com","no-reply@example.com","a@a.com"]'),
    ('phone',         70, 2,   3, '["+33600000000","+33100000000"]'),
    ('loyalty_card',  60, 2,   3, '["0000","00000000","TEST"]'),
    ('anonymous_id',  10, 500, 3, '["null","undefined","anonymous","0","none","unknown"]');

-- Admin ranking of sources for trait conflicts (higher wins; unranked sources are 0).
CREATE TABLE source_rank (
    source_id TEXT PRIMARY KEY,
    rank      INT NOT NULL
);

-- Every merge, refused or done, with its reason: which identifiers, which event, which rule.
CREATE TABLE merge_log (
    id                  UUID PRIMARY KEY,
    survivor_id         UUID NOT NULL,
    absorbed_id         UUID NOT NULL,
    status              TEXT NOT NULL,
    rule                TEXT NOT NULL,
    reason              TEXT NOT NULL,
    message_id          TEXT,
    identifier_keys     JSONB NOT NULL DEFAULT '[]',
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_at          TIMESTAMPTZ
);
CREATE INDEX merge_log_by_survivor ON merge_log (survivor_id, created_at);
CREATE INDEX merge_log_by_absorbed ON merge_log (absorbed_id, created_at);
CREATE INDEX merge_log_by_status ON merge_log (status, created_at);

-- Identifiers of an event that were not linked, and why (the value is not kept: it may be personal).
CREATE TABLE identifier_rejection (
    id              BIGSERIAL PRIMARY KEY,
    message_id      TEXT NOT NULL,
    identifier_type TEXT NOT NULL,
    reason          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX identifier_rejection_recent ON identifier_rejection (created_at DESC);

-- Records that could not be applied, with the reason; the partition moves on.
CREATE TABLE dead_letter (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT NOT NULL,
    partition   INT  NOT NULL,
    record_offset BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    payload     TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Hashes of erased identifiers: events carrying them are not linked again.
CREATE TABLE erased_identifier (
    identifier_hash TEXT PRIMARY KEY,
    erased_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Erasure requests already answered, so a redelivered request reports the same outcome once.
CREATE TABLE erasure_request (
    request_id   TEXT PRIMARY KEY,
    outcome      TEXT NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Search by trait value (text form).
CREATE INDEX profile_trait_by_value ON profile_trait (name, (value #>> '{}'));
