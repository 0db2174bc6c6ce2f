package io.firstparty.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;

/** A profile entering or leaving a segment, under a given version of the segment's rule. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SegmentEntered.class, name = "SegmentEntered"),
        @JsonSubTypes.Type(value = SegmentExited.class, name = "SegmentExited")
})
public sealed interface SegmentMembershipChange extends VersionedRecord permits SegmentEntered, SegmentExited {

    String segmentId();

    String profileId();

    int ruleVersion();

    Instant occurredAt();

    @Override
    default String partitionKey() {
        return profileId();
    }
}
