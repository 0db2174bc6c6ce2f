package io.firstparty.segment.audience.domain;

import java.time.Instant;
import java.util.UUID;

/** A segment a person is listed in. */
public record ProfileSegment(UUID segmentId, String name, String purpose, int ruleVersion, Instant since) {
}
