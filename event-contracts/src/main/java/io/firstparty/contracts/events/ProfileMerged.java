package io.firstparty.contracts.events;

import java.time.Instant;

/**
 * Two profiles found to be one person; {@code profileId} survives and {@code absorbedProfileId}
 * is folded into it. The merge id lets it be undone.
 */
public record ProfileMerged(
        int schemaVersion,
        String profileId,
        String absorbedProfileId,
        String mergeId,
        String reason,
        Instant occurredAt) implements ProfileChange {

    public static final int CURRENT_VERSION = 1;
}
