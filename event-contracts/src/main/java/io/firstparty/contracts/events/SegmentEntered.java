package io.firstparty.contracts.events;

import java.time.Instant;

public record SegmentEntered(
        int schemaVersion,
        String segmentId,
        String profileId,
        int ruleVersion,
        Instant occurredAt) implements SegmentMembershipChange {

    public static final int CURRENT_VERSION = 1;
}
