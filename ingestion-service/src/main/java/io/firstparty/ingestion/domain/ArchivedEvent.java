package io.firstparty.ingestion.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An accepted event as the archive keeps it: the columns it is found by, and the record as it was
 * published ({@code EventAccepted} JSON), stored as is, with where it was read from in Kafka.
 */
public record ArchivedEvent(UUID sourceId, String messageId, String type, Instant happenedAt, Instant receivedAt,
                            String json, int partition, long offset) {
}
