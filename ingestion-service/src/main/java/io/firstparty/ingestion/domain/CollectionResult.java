package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.Violation;

import java.util.List;

/**
 * What the collection API answers. {@code success} keeps Segment clients content; the counts say
 * what became of each message: accepted (on Kafka), suppressed (identifies an erased person) or
 * rejected (kept among the failed events, with its reasons).
 */
public record CollectionResult(boolean success, int accepted, int suppressed, List<Rejection> rejected) {

    /** @param index the message's position in the batch (0 for a single call) */
    public record Rejection(int index, String messageId, List<Violation> violations) {
    }
}
