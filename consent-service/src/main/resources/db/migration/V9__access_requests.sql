-- Access and portability requests (GDPR Art. 15 and 20) and each service's part of the answer.
-- Like erasure requests, a request keeps no identifier: only the profile it resolved to, if any.
CREATE TABLE access_request (
    id               TEXT PRIMARY KEY,
    access_right     TEXT NOT NULL CHECK (access_right IN ('access', 'portability')),
    profile_id       TEXT,
    requested_by     TEXT NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    due_at           TIMESTAMPTZ NOT NULL,
    extension_reason TEXT,
    last_run_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX access_request_due ON access_request (due_at);

-- One service's current delivery: complete once every chunk of it is held (delivered_at set).
CREATE TABLE access_part (
    request_id   TEXT NOT NULL REFERENCES access_request (id),
    service      TEXT NOT NULL,
    delivery_id  TEXT NOT NULL,
    chunks       INT NOT NULL,
    outcome      TEXT NOT NULL,
    profile_ids  TEXT NOT NULL,
    counts       TEXT NOT NULL,
    detail       TEXT,
    started_at   TIMESTAMPTZ NOT NULL,
    delivered_at TIMESTAMPTZ,
    PRIMARY KEY (request_id, service)
);

CREATE TABLE access_part_chunk (
    request_id  TEXT NOT NULL,
    service     TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    chunk       INT NOT NULL,
    content     TEXT NOT NULL,
    PRIMARY KEY (request_id, service, delivery_id, chunk),
    FOREIGN KEY (request_id, service) REFERENCES access_part (request_id, service)
);

GRANT SELECT, INSERT, UPDATE ON access_request TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON access_part, access_part_chunk TO ${runtime_role};
