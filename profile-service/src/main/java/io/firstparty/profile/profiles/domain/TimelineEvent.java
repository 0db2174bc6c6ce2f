package io.firstparty.profile.profiles.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;

/** One event of a profile's timeline, as it was accepted. */
public record TimelineEvent(String messageId, String type, String name, String sourceId, Instant occurredAt,
                            BigDecimal revenue, JsonNode event) {
}
