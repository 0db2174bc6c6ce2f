package io.firstparty.profile.profiles.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** A trait value an event offers a profile; it wins by source rank, then by the event's time. */
public record TraitCandidate(UUID profileId, String name, JsonNode value, String sourceId, String messageId,
                             Instant occurredAt, int sourceRank) {

    public boolean beats(TraitCandidate other) {
        return sourceRank != other.sourceRank ? sourceRank > other.sourceRank : occurredAt.isAfter(other.occurredAt);
    }
}
