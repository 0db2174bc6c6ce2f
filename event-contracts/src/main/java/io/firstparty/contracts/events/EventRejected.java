package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;
import java.util.List;

/**
 * A message from an authenticated source that failed validation, kept with its reasons so it can be replayed.
 *
 * @param type the call type when the endpoint fixed it (/v1/track), or null when the body had to name it (batch)
 */
public record EventRejected(
        int schemaVersion,
        String failureId,
        String sourceId,
        String messageId,
        EventType type,
        List<Violation> violations,
        String originalBody,
        Instant receivedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public EventRejected {
        violations = List.copyOf(violations);
    }

    /** Failures are looked at per source, so a source's failures stay together in order. */
    @Override
    public String partitionKey() {
        return sourceId;
    }
}
