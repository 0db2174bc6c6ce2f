package io.firstparty.ingestion.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An accepted event as the archive keeps it: the columns it is found by, and the record as it was
 * published ({@code EventAccepted} JSON), stored as the bytes it was published as, with where it was read from in Kafka.
 */
public record ArchivedEvent(UUID sourceId, String messageId, String type, Instant happenedAt, Instant receivedAt,
                            byte[] json, int partition, long offset) {
}
