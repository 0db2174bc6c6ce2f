package io.firstparty.consent.erasure.rest;

import io.firstparty.consent.requests.domain.RequestProgress;

import java.time.Instant;
import java.util.List;

/**
 * An erasure request and its completeness report: one line per service that must report.
 *
 * @param status {@code complete} only once every service reported and none failed; otherwise
 *               {@code overdue} past the deadline, {@code failed}, or {@code in_progress}
 */
public record ErasureStatus(String id, String status, Instant requestedAt, Instant dueAt, String extensionReason,
                            List<ServiceReport> services) implements RequestProgress {

    /** @param outcome {@code erased}, {@code nothing-held}, {@code failed} or {@code pending} */
    public record ServiceReport(String service, String outcome, long itemsErased, String detail, Instant reportedAt) {
    }
}
