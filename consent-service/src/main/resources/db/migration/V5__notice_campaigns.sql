-- Notice campaigns (GDPR Art. 13, 14 and 21): a legitimate-interest purpose announced to people with a
-- notice period before processing starts, by e-mail and in-app, each notice served recorded for proof.

-- A legitimate interest under a notice campaign may not be applied before this moment.
ALTER TABLE purpose ADD COLUMN processing_starts_at TIMESTAMPTZ;

-- Where and how to reach a person with a notice: the e-mail address (the only contact detail the
-- service keeps, deleted by erasure) and the language of their events.
CREATE TABLE contact (
    profile_id  TEXT PRIMARY KEY,
    email       TEXT,
    language    TEXT NOT NULL DEFAULT 'en',
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The sources (a brand's sites, apps and tills) each person was seen through: a campaign's audience.
CREATE TABLE person_source (
    profile_id  TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    PRIMARY KEY (profile_id, source_id)
);
CREATE INDEX person_source_source ON person_source (source_id);

CREATE TABLE notice_campaign (
    id                   UUID PRIMARY KEY,
    purpose_code         TEXT NOT NULL REFERENCES purpose (code) ON UPDATE CASCADE,
    subject_en           TEXT NOT NULL,
    subject_fr           TEXT NOT NULL,
    text_en              TEXT NOT NULL,
    text_fr              TEXT NOT NULL,
    processing_starts_at TIMESTAMPTZ NOT NULL,
    source_ids           TEXT[],
    status               TEXT NOT NULL CHECK (status IN ('draft', 'started')),
    notice_hash_en       TEXT,
    notice_hash_fr       TEXT,
    created_by           TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    started_at           TIMESTAMPTZ
);

-- One row per person, campaign and channel, claimed before anything is sent: the primary key makes a
-- second e-mail to the same person for the same campaign impossible, whichever replica sends.
CREATE TABLE notice_delivery (
    campaign_id     UUID NOT NULL REFERENCES notice_campaign (id),
    profile_id      TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'email_reminder', 'in_app')),
    status          TEXT NOT NULL CHECK (status IN ('no_address', 'pending', 'sending', 'sent', 'failed', 'displayed')),
    language        TEXT NOT NULL,
    attempts        INT  NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    claimed_until   TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ,
    done_at         TIMESTAMPTZ,
    PRIMARY KEY (campaign_id, profile_id, channel)
);
CREATE INDEX notice_delivery_due ON notice_delivery (next_attempt_at) WHERE status IN ('pending', 'failed', 'sending');
CREATE INDEX notice_delivery_profile ON notice_delivery (profile_id);

-- Every notice served, failed or displayed, with the hash of the notice as rendered (without the
-- personal link): the proof of which version each person was shown, and when.
CREATE TABLE notice_event (
    id           BIGSERIAL PRIMARY KEY,
    campaign_id  UUID NOT NULL REFERENCES notice_campaign (id),
    profile_id   TEXT NOT NULL,
    channel      TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'displayed')),
    notice_hash  TEXT NOT NULL,
    language     TEXT NOT NULL,
    detail       TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX notice_event_profile ON notice_event (profile_id);
CREATE INDEX notice_event_campaign ON notice_event (campaign_id, outcome);

-- When each state was published, so a campaign can show how soon objections were enforced.
ALTER TABLE consent_state ADD COLUMN published_at TIMESTAMPTZ;

GRANT SELECT, INSERT, UPDATE, DELETE ON contact, person_source, notice_campaign, notice_delivery TO ${runtime_role};
-- Served notices are only ever added, or deleted with the person on erasure.
GRANT SELECT, INSERT, DELETE ON notice_event TO ${runtime_role};
GRANT USAGE ON SEQUENCE notice_event_id_seq TO ${runtime_role};
