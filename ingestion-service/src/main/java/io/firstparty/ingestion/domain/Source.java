package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where a brand's events come from, and what it may send.
 *
 * @param keyPrefix the first characters of the current write key, to tell keys apart without revealing them
 */
public record Source(UUID id, String brand, String name, List<String> allowedOrigins, int rateLimitPerSecond,
                     Set<EventType> eventTypes, boolean enabled, String keyPrefix, Instant createdAt) {

    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }

    public boolean allows(EventType type) {
        return eventTypes.contains(type);
    }
}
