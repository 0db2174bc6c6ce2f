package io.firstparty.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * New values of some traits of a profile, with where they came from.
 *
 * @param traits      trait name to its new value (JSON null when the trait was removed)
 * @param sourceId    the source whose event set them
 * @param messageId   the event that set them
 */
public record TraitsChanged(
        int schemaVersion,
        String profileId,
        Map<String, JsonNode> traits,
        String sourceId,
        String messageId,
        Instant occurredAt) implements ProfileChange {

    public static final int CURRENT_VERSION = 1;

    public TraitsChanged {
        traits = Map.copyOf(traits);
    }
}
