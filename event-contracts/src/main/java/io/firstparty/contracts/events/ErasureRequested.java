package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;

/**
 * A command to erase a person (GDPR Art. 17), found by any of their identifiers or by profile id.
 * Every service that holds personal data consumes it, deletes what it holds and answers with
 * {@link ErasureCompleted}; running it twice is harmless.
 *
 * @param profileId   the profile, when the requester knows it; may be null
 * @param identifiers identifiers the person gave; may be empty when {@code profileId} is set
 */
public record ErasureRequested(
        int schemaVersion,
        String requestId,
        String profileId,
        List<Identifier> identifiers,
        Instant requestedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public ErasureRequested {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        if (profileId == null && identifiers.isEmpty()) {
            throw new IllegalArgumentException("an erasure must name a profile or an identifier");
        }
    }

    /** Keyed by request, so a request's retries stay in order. */
    @Override
    public String partitionKey() {
        return requestId;
    }
}
