-- After an objection through a notice's link, the person gets a receipt by e-mail (ISO/IEC TS 27560:
-- controller, purpose, method, time, notice version), sent like any notice: once, from its own row.
ALTER TABLE notice_delivery DROP CONSTRAINT notice_delivery_channel_check;
ALTER TABLE notice_delivery ADD CONSTRAINT notice_delivery_channel_check
    CHECK (channel IN ('email', 'email_reminder', 'in_app', 'objection_receipt'));
-- The ledger record a receipt confirms.
ALTER TABLE notice_delivery ADD COLUMN record_id UUID;
