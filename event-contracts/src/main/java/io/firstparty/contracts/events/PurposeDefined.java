package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;

/**
 * A purpose as the consent service defines it, on a compacted topic keyed by code, so that every
 * service can tell a consent-based purpose (no record means no) from a legitimate-interest one
 * (allowed until the person objects) without calling the consent service. A tombstone retires it.
 *
 * @param version            rises whenever the text shown to people changes
 * @param processingStartsAt for a legitimate-interest purpose under a notice campaign, the first
 *                           moment processing is allowed; null when it is not held back
 */
public record PurposeDefined(
        int schemaVersion,
        String code,
        LawfulBasis lawfulBasis,
        int version,
        Instant processingStartsAt,
        Instant definedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    @Override
    public String partitionKey() {
        return code;
    }
}
