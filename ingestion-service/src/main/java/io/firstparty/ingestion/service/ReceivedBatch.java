package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A batch request read in one pass.
 *
 * @param envelope the top-level fields other than {@code batch} ({@code sentAt}, {@code writeKey}, ...)
 * @param messages the {@code batch} array's elements, or null when the body has no such array
 */
public record ReceivedBatch(ObjectNode envelope, List<ReceivedMessage> messages) {

    public JsonNode field(String name) {
        return envelope.get(name);
    }
}
