package io.firstparty.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A profile erased under a data-subject request; every service deletes what it holds of it.
 *
 * @param identifierHashes SHA-256 of each erased identifier's {@code type:value}, for suppression lists
 */
public record ProfileErased(
        int schemaVersion,
        String profileId,
        String erasureRequestId,
        List<String> identifierHashes,
        Instant occurredAt) implements ProfileChange {

    public static final int CURRENT_VERSION = 1;

    public ProfileErased {
        identifierHashes = identifierHashes == null ? List.of() : List.copyOf(identifierHashes);
    }
}
