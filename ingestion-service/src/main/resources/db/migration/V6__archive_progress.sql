-- How far the archive has read each partition of the accepted-events topic, written in the same
-- transaction as the events: a batch Kafka redelivers after a crash is recognised and skipped, so
-- neither the archive nor the duplicate counts take it twice.
CREATE TABLE archive_progress (
    topic            TEXT NOT NULL,
    topic_partition  INT NOT NULL,
    next_offset      BIGINT NOT NULL,
    PRIMARY KEY (topic, topic_partition)
);
