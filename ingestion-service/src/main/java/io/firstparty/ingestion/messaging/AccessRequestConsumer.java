package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.service.SuppressionList;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The ingestion service's part of an access or portability request. It keeps nothing by identifier:
 * the archive and the failed events are kept by source and message id, and the person's events are
 * in the profile service's part. What it holds by identifier hash is the suppression list: an
 * identifier of the request that was erased earlier is reported (type and hash, never a value).
 */
@ApplicationScoped
public class AccessRequestConsumer {

    static final String SERVICE = "ingestion-service";
    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    private final SuppressionList suppressions;
    private final EventPublisher publisher;

    AccessRequestConsumer(SuppressionList suppressions, EventPublisher publisher) {
        this.suppressions = suppressions;
        this.publisher = publisher;
    }

    @Incoming("access-requests")
    @Blocking
    void answer(AccessRequested request) throws Exception {
        if (request == null) {
            return;
        }
        List<Map<String, String>> suppressed = new ArrayList<>();
        for (Identifier identifier : request.identifiers()) {
            if (suppressions.holds(identifier.hash())) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("type", identifier.type().code());
                entry.put("hash", identifier.hash());
                entry.put("held", "on the suppression list: events carrying it are dropped");
                suppressed.add(entry);
            }
        }
        String deliveryId = UUID.randomUUID().toString();
        List<AccessPartDelivered> chunks = suppressed.isEmpty()
                ? AccessPartDelivered.chunked(request.requestId(), SERVICE, deliveryId, AccessPartDelivered.NOTHING_HELD,
                List.of(), Map.of("suppressedIdentifiers", 0L), null,
                "nothing is kept by identifier; accepted events are in the profile service's part", Instant.now())
                : AccessPartDelivered.chunked(request.requestId(), SERVICE, deliveryId, AccessPartDelivered.DELIVERED,
                List.of(), Map.of("suppressedIdentifiers", (long) suppressed.size()),
                ContractJson.MAPPER.writeValueAsString(
                        Map.of("suppressedIdentifiers", suppressed)), null, Instant.now());
        publisher.publish(Topics.ACCESS_PARTS, chunks).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
