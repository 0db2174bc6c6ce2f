-- The brand of each stored event's source, so that a dataset export can be limited to one brand.
-- Events stored before brands travelled with events have none.
ALTER TABLE segment_event ADD COLUMN brand TEXT;

-- Every dataset export made for a purpose, with its manifest: the consent ledger position it was
-- checked against and who was included or left out, and why. Kept as the record of what left.
CREATE TABLE dataset_export (
    id           UUID PRIMARY KEY,
    purpose      TEXT NOT NULL,
    lawful_basis TEXT NOT NULL,
    brand        TEXT,
    filter       JSONB NOT NULL,
    format       TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('streaming', 'completed', 'failed')),
    started_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    manifest     JSONB
);
CREATE INDEX dataset_export_started ON dataset_export (started_at);
