package io.firstparty.consent.access.rest;

import io.firstparty.consent.requests.domain.RequestProgress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An access or portability request and what each service delivered.
 *
 * @param status  {@code complete} only once every service delivered its part and none failed;
 *                otherwise {@code overdue} past the deadline, {@code failed}, or {@code in_progress}
 * @param archive where the officer downloads the archive, once complete; null before
 */
public record AccessStatus(String id, String right, String status, Instant requestedAt, Instant dueAt,
                           String extensionReason, Instant lastRunAt, String archive, List<ServicePart> services)
        implements RequestProgress {

    /**
     * @param outcome {@code delivered}, {@code nothing-held}, {@code failed} or {@code pending} (nothing
     *                yet, or not every chunk of the delivery yet)
     */
    public record ServicePart(String service, String outcome, Instant deliveredAt, Map<String, Long> counts,
                              int chunks, int chunksReceived, String detail) {
    }
}
