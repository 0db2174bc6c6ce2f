-- The archive is written in the order events were received, so a block range index finds a time
-- range as well as a B-tree did, at almost no cost per inserted row (the archive's hot path).
DROP INDEX archived_event_by_received;
CREATE INDEX archived_event_received ON archived_event USING brin (received_at);
