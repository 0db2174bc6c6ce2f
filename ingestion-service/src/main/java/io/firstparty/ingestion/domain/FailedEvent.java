package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message that broke a rule, as kept in the failed-events store. */
public record FailedEvent(UUID id, UUID sourceId, String messageId, EventType type, List<Violation> violations,
                          String originalBody, Instant receivedAt, Instant replayedAt) {
}
