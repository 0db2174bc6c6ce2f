package io.firstparty.segment.segments.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * A segment as shown: its definition, current rule and whether its members may be listed yet.
 *
 * @param approvalPending true while a privacy officer has yet to approve the current version
 */
public record SegmentView(UUID id, String name, String description, String purpose, String owner, boolean significant,
                          String status, int currentVersion, boolean approvalPending, Instant createdAt, JsonNode rule) {
}
