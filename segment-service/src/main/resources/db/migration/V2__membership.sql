-- Definitions are small and read everywhere: on Citus they become reference tables.
-- Every table holding a person's data is keyed by profile_id first, the distribution column on Citus,
-- so that every key and every join of the membership SQL stays within one shard.

DROP TABLE segment_rule_version;

ALTER TABLE segment
    ADD COLUMN purpose           TEXT NOT NULL DEFAULT 'personalization',
    ADD COLUMN owner             TEXT NOT NULL DEFAULT '',
    ADD COLUMN significant       BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN status            TEXT NOT NULL DEFAULT 'active',
    ADD COLUMN current_version   INT NOT NULL DEFAULT 1,
    ADD COLUMN expiry_checked_at TIMESTAMPTZ;
ALTER TABLE segment ALTER COLUMN purpose DROP DEFAULT, ALTER COLUMN owner DROP DEFAULT;

CREATE TABLE segment_version (
    id         UUID PRIMARY KEY,
    segment_id UUID NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    version    INT NOT NULL,
    rule       JSONB NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (segment_id, version)
);

CREATE TABLE segment_approval (
    id          UUID PRIMARY KEY,
    segment_id  UUID NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    version     INT NOT NULL,
    approved_by TEXT NOT NULL,
    note        TEXT,
    approved_at TIMESTAMPTZ NOT NULL,
    UNIQUE (segment_id, version)
);

-- Event history: one row per accepted event, as IdentityResolved carried it.
CREATE TABLE segment_event (
    profile_id  TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    type        TEXT NOT NULL,
    name        TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    properties  JSONB,
    context     JSONB,
    traits      JSONB,
    PRIMARY KEY (profile_id, message_id)
);
-- Backfills and the window-expiry job select by event name and time.
CREATE INDEX segment_event_name_time ON segment_event (name, occurred_at);

-- Which profile holds an event, so that an event re-published for another profile (after an unmerge)
-- moves. Keyed by message id: on Citus it is distributed by message_id, each lookup one shard.
CREATE TABLE segment_event_owner (
    message_id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL
);

-- Every profile the service has heard of, with its latest traits: the population rules are evaluated over.
CREATE TABLE segment_profile (
    profile_id TEXT PRIMARY KEY,
    traits     JSONB NOT NULL DEFAULT '{}'
);

CREATE TABLE segment_membership (
    profile_id   TEXT NOT NULL,
    segment_id   UUID NOT NULL,
    rule_version INT NOT NULL,
    since        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (profile_id, segment_id)
);
CREATE INDEX segment_membership_by_segment ON segment_membership (segment_id, profile_id);

-- Every entry and exit, with its cause and rule version; rows without published_at are the outbox
-- of the membership topic.
CREATE TABLE segment_membership_change (
    profile_id   TEXT NOT NULL,
    id           BIGSERIAL,
    segment_id   UUID NOT NULL,
    change       TEXT NOT NULL CHECK (change IN ('entered', 'exited')),
    rule_version INT NOT NULL,
    cause        TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    PRIMARY KEY (profile_id, id)
);
CREATE INDEX segment_membership_change_unpublished ON segment_membership_change (id) WHERE published_at IS NULL;
CREATE INDEX segment_membership_change_by_segment ON segment_membership_change (segment_id, occurred_at);

-- Replicas of the consent service's compacted topics.
CREATE TABLE consent_purpose (
    code                 TEXT PRIMARY KEY,
    lawful_basis         TEXT NOT NULL,
    version              INT NOT NULL,
    processing_starts_at TIMESTAMPTZ
);

CREATE TABLE consent_state (
    profile_id   TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    status       TEXT NOT NULL,
    status_since TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    evidence_id  TEXT,
    PRIMARY KEY (profile_id, purpose)
);

-- Erasures already carried out, so that a redelivered request reports the same result again.
CREATE TABLE segment_erasure (
    request_id   TEXT PRIMARY KEY,
    profile_id   TEXT NOT NULL,
    items_erased BIGINT NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL
);
