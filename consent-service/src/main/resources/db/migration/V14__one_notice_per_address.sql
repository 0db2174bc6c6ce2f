-- A campaign's e-mail goes once to an address, whichever profiles share it (a person known to two
-- brands, or a profile that another one absorbed after the campaign started): the first row handed
-- over takes the address, the others are closed as same_address.
ALTER TABLE notice_delivery ADD COLUMN address_hash TEXT;
CREATE UNIQUE INDEX notice_delivery_one_per_address ON notice_delivery (campaign_id, channel, address_hash)
    WHERE address_hash IS NOT NULL;
ALTER TABLE notice_delivery DROP CONSTRAINT notice_delivery_status_check;
ALTER TABLE notice_delivery ADD CONSTRAINT notice_delivery_status_check
    CHECK (status IN ('no_address', 'pending', 'sending', 'sent', 'failed', 'displayed', 'unconfirmed', 'same_address'));
