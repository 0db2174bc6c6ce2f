package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An accepted event attributed to a profile, with every identifier the profile is known by at that
 * moment. It carries the whole event, so that segments and consent read one topic keyed by person
 * instead of joining two.
 *
 * <p>Version 2 added {@code event}; version 1 records (without it) are no longer produced.
 */
public record IdentityResolved(
        int schemaVersion,
        String profileId,
        String messageId,
        List<Identifier> identifiers,
        Instant resolvedAt,
        EventAccepted event) implements VersionedRecord {

    public static final int CURRENT_VERSION = 2;

    public IdentityResolved {
        Objects.requireNonNull(profileId, "profileId");
        identifiers = List.copyOf(identifiers);
    }

    @Override
    public String partitionKey() {
        return profileId;
    }
}
