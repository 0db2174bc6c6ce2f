package io.firstparty.segment.history.domain;

import java.time.Instant;

/** An erasure carried out: whose, how many rows went, when. */
public record Erasure(String requestId, String profileId, long itemsErased, Instant completedAt) {
}
