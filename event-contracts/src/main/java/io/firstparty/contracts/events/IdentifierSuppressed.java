package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.IdentifierType;

import java.time.Instant;

/**
 * An identifier that was erased and must not be re-created by later events. Only its hash is
 * published (see {@link io.firstparty.contracts.identity.Identifier#hash()}): the list of erased
 * people must not itself be personal data.
 */
public record IdentifierSuppressed(
        int schemaVersion,
        String identifierHash,
        IdentifierType type,
        String erasureRequestId,
        Instant suppressedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    @Override
    public String partitionKey() {
        return identifierHash;
    }
}
