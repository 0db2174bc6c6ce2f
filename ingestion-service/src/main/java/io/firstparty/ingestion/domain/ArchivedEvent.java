package io.firstparty.ingestion.domain;

/**
 * An accepted event on its way into the archive: the record as it was published
 * ({@code EventAccepted} JSON), as the bytes it was read as, with where it was read from in Kafka.
 */
public record ArchivedEvent(byte[] json, int partition, long offset) {
}
