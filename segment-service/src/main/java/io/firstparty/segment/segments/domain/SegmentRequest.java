package io.firstparty.segment.segments.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A segment as a marketer defines it.
 *
 * @param purpose     the consent purpose its members are processed for, e.g. {@code personalization}
 * @param significant whether it may significantly affect people (GDPR Art. 22): then a privacy officer approves it
 * @param rule        the rule, in the language of the service README
 */
public record SegmentRequest(String name, String description, String purpose, String owner, Boolean significant,
                             JsonNode rule) {
}
