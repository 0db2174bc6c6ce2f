package io.firstparty.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A JSON Schema a source declared for one kind of event: {@code track:<event name>} checks a track
 * call's properties, {@code identify} an identify call's traits, {@code group} a group's traits.
 */
public record EventSchema(String eventKey, int version, JsonNode schema, Instant createdAt) {
}
