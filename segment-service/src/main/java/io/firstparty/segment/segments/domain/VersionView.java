package io.firstparty.segment.segments.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

public record VersionView(int version, JsonNode rule, String createdBy, Instant createdAt, boolean approved) {
}
