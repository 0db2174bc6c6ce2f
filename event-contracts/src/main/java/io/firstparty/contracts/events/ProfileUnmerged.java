package io.firstparty.contracts.events;

import java.time.Instant;

/** A merge undone: {@code restoredProfileId} lives again apart from {@code profileId}. */
public record ProfileUnmerged(
        int schemaVersion,
        String profileId,
        String restoredProfileId,
        String mergeId,
        String reason,
        Instant occurredAt) implements ProfileChange {

    public static final int CURRENT_VERSION = 1;
}
