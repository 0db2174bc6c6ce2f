package io.firstparty.consent.objectionrequests.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An objection request: {@code complete} once filed, with the ledger record written for each purpose
 * (or found again when the same objection was already recorded).
 */
public record ObjectionRequestStatus(String id, String status, String profileId, List<String> purposes,
                                     List<UUID> ledgerRecords, Instant requestedAt, Instant dueAt, Instant completedAt) {
}
