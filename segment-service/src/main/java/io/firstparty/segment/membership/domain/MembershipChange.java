package io.firstparty.segment.membership.domain;

import java.time.Instant;
import java.util.UUID;

/** One entry or exit as recorded: when, why, under which rule version. */
public record MembershipChange(long id, String profileId, UUID segmentId, String change, int ruleVersion, String cause,
                               Instant occurredAt) {

    public static final String ENTERED = "entered";
    public static final String EXITED = "exited";
}
