-- Art. 12(3): a request's deadline may be extended once, by two months, with the reason given to the person.
ALTER TABLE erasure_request ADD COLUMN extension_reason TEXT;
CREATE INDEX erasure_request_due ON erasure_request (due_at);
