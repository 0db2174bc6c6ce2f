package io.firstparty.contracts.events;

import java.time.Instant;

/** A profile erased under a data-subject request; every service deletes what it holds of it. */
public record ProfileErased(
        int schemaVersion,
        String profileId,
        String erasureRequestId,
        Instant occurredAt) implements ProfileChange {

    public static final int CURRENT_VERSION = 1;
}
