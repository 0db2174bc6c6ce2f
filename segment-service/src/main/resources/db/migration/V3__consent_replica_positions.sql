-- How far the local consent replica has applied each partition of firstparty.consent.changes, written
-- in the same transaction as the states. An export first waits until these reach the topic's end, so
-- no withdrawal the consent service acknowledged before the export began can be missed.
CREATE TABLE consent_replica_position (
    topic_partition INT PRIMARY KEY,
    next_offset     BIGINT NOT NULL
);
