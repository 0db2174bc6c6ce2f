-- Objections for an identifier no profile holds yet (an address that objected by e-mail, an imported
-- letter): kept by the identifier's hash only, and applied to the profile it is linked to later, the
-- way privacy signals wait in pending_signal. The evidence key is the one the ledger record will get,
-- so the same objection received twice waits once.
CREATE TABLE pending_objection (
    id              UUID PRIMARY KEY,
    identifier_hash TEXT NOT NULL,
    purpose_code    TEXT NOT NULL REFERENCES purpose (code) ON UPDATE CASCADE,
    occurred_at     TIMESTAMPTZ NOT NULL,
    channel         TEXT NOT NULL,
    method          TEXT NOT NULL,
    source          TEXT,
    evidence_key    TEXT NOT NULL UNIQUE,
    text_version    TEXT,
    text_hash       TEXT,
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_objection_identifier ON pending_objection (identifier_hash);

GRANT SELECT, INSERT, DELETE ON pending_objection TO ${runtime_role};
