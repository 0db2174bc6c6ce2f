package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;

/**
 * A command to gather everything held about a person (GDPR Art. 15 access, Art. 20 portability),
 * found by any of their identifiers or by profile id. Every service that holds personal data
 * answers with its part as {@link AccessPartDelivered} records; answering twice is harmless (a later
 * delivery replaces the earlier one). The consent service re-publishes the same request id to run a
 * request again.
 *
 * @param right       {@code access} (Art. 15) or {@code portability} (Art. 20)
 * @param profileId   the profile, when the requester knows it; may be null
 * @param identifiers identifiers the person gave; may be empty when {@code profileId} is set
 */
public record AccessRequested(
        int schemaVersion,
        String requestId,
        String right,
        String profileId,
        List<Identifier> identifiers,
        Instant requestedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public static final String ACCESS = "access";
    public static final String PORTABILITY = "portability";

    public AccessRequested {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        if (profileId == null && identifiers.isEmpty()) {
            throw new IllegalArgumentException("an access request must name a profile or an identifier");
        }
    }

    /** Keyed by request, so a request's re-runs stay in order. */
    @Override
    public String partitionKey() {
        return requestId;
    }
}
