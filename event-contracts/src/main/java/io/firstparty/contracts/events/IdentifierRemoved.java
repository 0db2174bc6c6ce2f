package io.firstparty.contracts.events;

import io.firstparty.contracts.identity.IdentifierType;

import java.time.Instant;

/**
 * An identifier taken off a profile by an admin (a mistyped e-mail, a shared card): events carrying it
 * no longer reach this profile. Only its hash travels.
 */
public record IdentifierRemoved(
        int schemaVersion,
        String profileId,
        IdentifierType identifierType,
        String identifierHash,
        String reason,
        Instant occurredAt) implements ProfileChange {

    public static final int CURRENT_VERSION = 1;
}
