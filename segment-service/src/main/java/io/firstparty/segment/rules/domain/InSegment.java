package io.firstparty.segment.rules.domain;

import java.util.UUID;

/** Membership of another segment, kept current by that segment's own evaluation. */
public record InSegment(String pointer, UUID segmentId) implements Condition {

    @Override
    public String describe() {
        return "is a member of segment " + segmentId;
    }
}
