-- Web forms of a source: how each form field becomes part of a Segment call. The id is random and
-- is, with the source's allowed origins, the form's only credential; the definition is replaced
-- whole, and its version counts the replacements.
CREATE TABLE form (
    id          UUID PRIMARY KEY,
    source_id   UUID NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    version     INT NOT NULL DEFAULT 1,
    definition  JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX form_by_source ON form (source_id, created_at);
