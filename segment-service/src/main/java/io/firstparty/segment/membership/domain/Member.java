package io.firstparty.segment.membership.domain;

import java.time.Instant;
import java.util.UUID;

/** A listed member: in the segment by its rule, and allowed by consent for the segment's purpose. */
public record Member(UUID segmentId, String profileId, int ruleVersion, Instant since) {
}
