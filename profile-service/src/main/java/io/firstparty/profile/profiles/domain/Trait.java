package io.firstparty.profile.profiles.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A trait value and where it came from: which source, which event, when. */
public record Trait(JsonNode value, String sourceId, String messageId, Instant updatedAt) {
}
