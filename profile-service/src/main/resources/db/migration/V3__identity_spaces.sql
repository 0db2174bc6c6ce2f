-- Identity spaces: identifiers link people only within one space. A brand resolves in a space of
-- its own ('brand:<brand>') unless an admin links it into a shared space ('shared:<name>'); events
-- published before brands travelled with events, and what was resolved before, are in 'default'.
CREATE TABLE identity_space (
    name        TEXT PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A brand linked into a shared space. pending: recorded, resolution still uses the brand's own
-- space; active: new events resolve in the shared space (set when a re-resolution job starts, which
-- then moves the brand's existing profiles there).
CREATE TABLE identity_space_brand (
    brand         TEXT PRIMARY KEY,
    space_name    TEXT NOT NULL REFERENCES identity_space (name),
    status        TEXT NOT NULL,
    linked_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at  TIMESTAMPTZ,
    activated_by  UUID
);
CREATE INDEX identity_space_brand_by_space ON identity_space_brand (space_name);

ALTER TABLE profile ADD COLUMN space TEXT NOT NULL DEFAULT 'default';
ALTER TABLE profile_identifier ADD COLUMN space TEXT NOT NULL DEFAULT 'default';
ALTER TABLE profile_identifier DROP CONSTRAINT profile_identifier_pkey;
ALTER TABLE profile_identifier ADD PRIMARY KEY (space, type, value);
-- Lookups by identifier without a brand search every space.
CREATE INDEX profile_identifier_by_value ON profile_identifier (type, value);
ALTER TABLE profile_event ADD COLUMN brand TEXT;

-- Re-resolution of existing profiles under the current rules and identity spaces, in batches of
-- root profiles in id order. position is the last profile done: a restart resumes after it. The
-- replica holding the lease runs it; another takes over once the lease lapses.
CREATE TABLE resolution_job (
    id                    UUID PRIMARY KEY,
    status                TEXT NOT NULL,
    batch_size            INT  NOT NULL,
    position              UUID,
    profiles_checked      BIGINT NOT NULL DEFAULT 0,
    merges                INT NOT NULL DEFAULT 0,
    merges_refused        INT NOT NULL DEFAULT 0,
    identifiers_detached  INT NOT NULL DEFAULT 0,
    brands_applied        JSONB NOT NULL DEFAULT '[]',
    lease_holder          TEXT,
    lease_until           TIMESTAMPTZ,
    requested_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at            TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at           TIMESTAMPTZ
);
CREATE UNIQUE INDEX resolution_job_one_running ON resolution_job ((true)) WHERE status = 'running';
