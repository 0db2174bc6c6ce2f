-- Purposes get the text shown to people (fr/en) with a version that rises when it changes, and how
-- long a consent lasts and how soon a refusal may be asked again (CNIL: 13 and 6 months).
-- The codes follow the ones used by the brands' consent managers and segment rules.
UPDATE purpose SET code = 'email_marketing' WHERE code = 'marketing_email';
UPDATE purpose SET code = 'personalization' WHERE code = 'personalisation';
ALTER TABLE purpose RENAME COLUMN description TO text_en;
ALTER TABLE purpose
    ADD COLUMN text_fr                 TEXT,
    ADD COLUMN version                 INT  NOT NULL DEFAULT 1,
    ADD COLUMN consent_lifetime_months INT  NOT NULL DEFAULT 13 CHECK (consent_lifetime_months BETWEEN 1 AND 120),
    ADD COLUMN reask_delay_months      INT  NOT NULL DEFAULT 6 CHECK (reask_delay_months BETWEEN 0 AND 120),
    ADD COLUMN updated_at              TIMESTAMPTZ NOT NULL DEFAULT now();
UPDATE purpose SET text_fr = CASE code
    WHEN 'email_marketing' THEN 'Lettres d''information et offres envoyées par e-mail.'
    WHEN 'personalization' THEN 'Adapter les contenus et les offres à votre comportement et à vos préférences.'
    WHEN 'analytics' THEN 'Mesurer les visites et les conversions.'
    WHEN 'ai_training' THEN 'Entraîner des modèles de recommandation sur les données de comportement ; opposition possible à tout moment.'
    ELSE text_en END;
ALTER TABLE purpose ALTER COLUMN text_fr SET NOT NULL;

-- Every text a purpose has shown, so that a record's version and text hash can be checked later.
CREATE TABLE purpose_text (
    purpose_code TEXT NOT NULL REFERENCES purpose (code) ON UPDATE CASCADE,
    version      INT  NOT NULL,
    text_en      TEXT NOT NULL,
    text_fr      TEXT NOT NULL,
    hash_en      TEXT NOT NULL,
    hash_fr      TEXT NOT NULL,
    defined_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (purpose_code, version)
);
INSERT INTO purpose_text (purpose_code, version, text_en, text_fr, hash_en, hash_fr)
SELECT code, version, text_en, text_fr,
       encode(sha256(convert_to(text_en, 'UTF8')), 'hex'), encode(sha256(convert_to(text_fr, 'UTF8')), 'hex')
FROM purpose;

-- People the service has seen resolved by the profile service.
CREATE TABLE person (
    profile_id    TEXT PRIMARY KEY,
    first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Which person an identifier belongs to, by the identifier's SHA-256 (no personal data kept).
CREATE TABLE identifier_link (
    identifier_hash TEXT PRIMARY KEY,
    profile_id      TEXT NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX identifier_link_profile ON identifier_link (profile_id);

-- A merged profile answers as the profile that absorbed it.
CREATE TABLE profile_link (
    absorbed_id TEXT PRIMARY KEY,
    survivor_id TEXT NOT NULL,
    merge_id    TEXT NOT NULL
);
CREATE INDEX profile_link_survivor ON profile_link (survivor_id);

-- Privacy signals for identifiers no profile holds yet; applied when one does.
CREATE TABLE pending_signal (
    id              UUID PRIMARY KEY,
    identifier_hash TEXT NOT NULL,
    signal          TEXT NOT NULL,
    source_id       TEXT,
    message_id      TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_signal_identifier ON pending_signal (identifier_hash);

-- The ledger: one hash chain per profile, append-only. Each record's hash covers its fields and the
-- previous record's hash, so any change to a stored record breaks the chain from there on.
CREATE TABLE ledger_record (
    id              UUID PRIMARY KEY,
    profile_id      TEXT NOT NULL,
    seq             INT  NOT NULL,
    purpose_code    TEXT NOT NULL,
    purpose_version INT  NOT NULL,
    action          TEXT NOT NULL,
    status          TEXT,
    effective       BOOLEAN NOT NULL,
    text_version    TEXT,
    text_hash       TEXT,
    notice_version  TEXT,
    channel         TEXT NOT NULL,
    method          TEXT NOT NULL,
    source          TEXT,
    evidence_key    TEXT NOT NULL UNIQUE,
    derived_from    UUID,
    occurred_at     TIMESTAMPTZ NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    UNIQUE (profile_id, seq)
);

-- Current decision per person and purpose, derived from the ledger.
CREATE TABLE consent_state (
    profile_id      TEXT NOT NULL,
    purpose_code    TEXT NOT NULL,
    status          TEXT NOT NULL,
    status_since    TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ,
    record_id       UUID NOT NULL,
    PRIMARY KEY (profile_id, purpose_code)
);
CREATE INDEX consent_state_expiry ON consent_state (expires_at) WHERE status = 'granted';

-- That an erasure happened, without saying whose: the profile id is kept only as a hash.
CREATE TABLE erasure_record (
    id             BIGSERIAL PRIMARY KEY,
    profile_hash   TEXT NOT NULL,
    records_erased INT  NOT NULL,
    erased_at      TIMESTAMPTZ NOT NULL
);

-- Jobs that must run on one replica at a time hold a lease.
CREATE TABLE job_lease (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);

-- Erasure is the one exception to append-only: the service may delete a person's ledger rows only
-- through this function, which also leaves the content-free trace of the erasure.
CREATE FUNCTION erase_ledger(p_profile_id TEXT) RETURNS INT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    erased INT;
BEGIN
    DELETE FROM ledger_record
    WHERE profile_id = p_profile_id
       OR profile_id IN (SELECT absorbed_id FROM profile_link WHERE survivor_id = p_profile_id);
    GET DIAGNOSTICS erased = ROW_COUNT;
    INSERT INTO erasure_record (profile_hash, records_erased, erased_at)
    VALUES (encode(sha256(convert_to(p_profile_id, 'UTF8')), 'hex'), erased, now());
    RETURN erased;
END $$;
REVOKE ALL ON FUNCTION erase_ledger(TEXT) FROM PUBLIC;

-- The role the service runs with: the ledger can be read and appended to, nothing more.
GRANT SELECT, INSERT ON ledger_record TO ${runtime_role};
GRANT SELECT ON erasure_record TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON purpose, purpose_text, person, identifier_link, profile_link,
    pending_signal, consent_state, job_lease TO ${runtime_role};
GRANT EXECUTE ON FUNCTION erase_ledger(TEXT) TO ${runtime_role};
