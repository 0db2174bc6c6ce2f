package io.firstparty.segment.domain;

import java.time.Instant;
import java.util.UUID;

/** A segment as listed: its current rule version and when it was created. */
public record SegmentSummary(UUID id, String name, String description, int currentVersion, Instant createdAt) {
}
