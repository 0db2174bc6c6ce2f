package io.firstparty.segment.consent.domain;

import java.time.Instant;

/**
 * A purpose as the consent service defined it, from the local replica.
 *
 * @param processingStartsAt when processing may start (the end of a notice period), or null
 */
public record ReplicatedPurpose(String code, String lawfulBasis, int version, Instant processingStartsAt) {

    public boolean restsOnConsent() {
        return "consent".equals(lawfulBasis);
    }

    public boolean startedAt(Instant now) {
        return processingStartsAt == null || !processingStartsAt.isAfter(now);
    }
}
