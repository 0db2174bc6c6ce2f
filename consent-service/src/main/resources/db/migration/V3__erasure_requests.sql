-- Erasure requests (GDPR Art. 17) and each service's report on them. A request keeps no identifier:
-- only the profile it resolved to, if any, so the tracking itself holds no contact details.
CREATE TABLE erasure_request (
    id            TEXT PRIMARY KEY,
    profile_id    TEXT,
    requested_by  TEXT NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE erasure_report (
    request_id    TEXT NOT NULL REFERENCES erasure_request (id),
    service       TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    items_erased  BIGINT NOT NULL,
    detail        TEXT,
    reported_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, service)
);

GRANT SELECT, INSERT, UPDATE ON erasure_request, erasure_report TO ${runtime_role};
