package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;

/** An accepted event attributed to a profile, with every identifier the profile is known by at that moment. */
public record IdentityResolved(
        int schemaVersion,
        String profileId,
        String messageId,
        List<Identifier> identifiers,
        Instant resolvedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public IdentityResolved {
        identifiers = List.copyOf(identifiers);
    }

    @Override
    public String partitionKey() {
        return profileId;
    }
}
