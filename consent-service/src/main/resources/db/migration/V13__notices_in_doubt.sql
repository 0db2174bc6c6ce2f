-- SMTP has no way to ask "did you take this e-mail?": a replica that stops after handing an e-mail to
-- the server and before recording the answer leaves it in doubt. Such an e-mail is never sent again
-- (a person gets a campaign's e-mail at most once); it is counted and recorded as unconfirmed instead.
ALTER TABLE notice_delivery ADD COLUMN handed_over_at TIMESTAMPTZ;
ALTER TABLE notice_delivery DROP CONSTRAINT notice_delivery_status_check;
ALTER TABLE notice_delivery ADD CONSTRAINT notice_delivery_status_check
    CHECK (status IN ('no_address', 'pending', 'sending', 'sent', 'failed', 'displayed', 'unconfirmed'));
ALTER TABLE notice_event DROP CONSTRAINT notice_event_outcome_check;
ALTER TABLE notice_event ADD CONSTRAINT notice_event_outcome_check
    CHECK (outcome IN ('sent', 'failed', 'displayed', 'unconfirmed'));
-- Finds the e-mails of replicas whose claim lapsed, whatever else is due.
CREATE INDEX notice_delivery_lapsing ON notice_delivery (claimed_until) WHERE status = 'sending';
