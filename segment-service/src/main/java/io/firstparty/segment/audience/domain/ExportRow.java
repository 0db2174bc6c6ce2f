package io.firstparty.segment.audience.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** A listed member with their latest traits, as an export reads them. */
public record ExportRow(String profileId, JsonNode traits) {
}
