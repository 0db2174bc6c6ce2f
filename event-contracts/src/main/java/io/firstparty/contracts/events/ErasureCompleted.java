package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;
import java.util.List;

/**
 * One service's report on an erasure request: what it found and deleted. The consent service
 * gathers one per service into the request's completeness report.
 *
 * @param service     the reporting service, e.g. {@code profile-service}
 * @param profileIds  the profiles the request resolved to in that service (empty when it held nothing)
 * @param itemsErased how many rows, events or records were deleted
 * @param outcome     {@code erased}, {@code nothing-held} or {@code failed}
 * @param detail      a reason when failed; never personal data
 */
public record ErasureCompleted(
        int schemaVersion,
        String requestId,
        String service,
        List<String> profileIds,
        long itemsErased,
        String outcome,
        String detail,
        Instant completedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public static final String ERASED = "erased";
    public static final String NOTHING_HELD = "nothing-held";
    public static final String FAILED = "failed";

    public ErasureCompleted {
        profileIds = profileIds == null ? List.of() : List.copyOf(profileIds);
    }

    @Override
    public String partitionKey() {
        return requestId;
    }
}
