-- Objection requests (GDPR Art. 21) filed by a privacy officer or a person: recorded in the ledger at
-- once, so a request is complete when it is filed. Like the other requests it keeps no identifier.
CREATE TABLE objection_request (
    id           TEXT PRIMARY KEY,
    profile_id   TEXT NOT NULL,
    purposes     TEXT NOT NULL,
    record_ids   TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    due_at       TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL
);

-- Requests people make themselves, verified by a link sent to their address. The address is kept
-- only until it is no longer needed: the request is filed (erasure, objection) or the access archive's
-- link was sent; its hash stays, to bind the download link to the address that asked.
CREATE TABLE person_request (
    id               TEXT PRIMARY KEY,
    request_type     TEXT NOT NULL CHECK (request_type IN ('access', 'portability', 'erasure', 'objection')),
    email            TEXT,
    email_hash       TEXT NOT NULL,
    purposes         TEXT,
    language         TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    confirmed_at     TIMESTAMPTZ,
    filed_request_id TEXT,
    archive_sent_at  TIMESTAMPTZ
);
CREATE INDEX person_request_awaiting_archive ON person_request (confirmed_at)
    WHERE archive_sent_at IS NULL AND request_type IN ('access', 'portability');

-- Attempts at the public request form per client and per address hash, in fixed one-hour windows.
CREATE TABLE person_request_attempt (
    bucket       TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    attempts     INT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

GRANT SELECT, INSERT ON objection_request TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON person_request, person_request_attempt TO ${runtime_role};
