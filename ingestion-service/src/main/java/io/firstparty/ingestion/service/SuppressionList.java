package io.firstparty.ingestion.service;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hashes of erased identifiers, read from the compacted suppression topic that the consent service
 * publishes. Each replica reads the whole topic from the start (its own consumer group), so the
 * list lives in Kafka and any replica rebuilds it on start.
 */
@ApplicationScoped
public class SuppressionList {

    private final Set<String> suppressed = ConcurrentHashMap.newKeySet();
    private final Counter dropped;

    SuppressionList(MeterRegistry registry) {
        this.dropped = Counter.builder("firstparty.events.suppressed")
                .description("Events dropped because they identify an erased person").register(registry);
    }

    @Incoming("identifiers-suppressed")
    void onSuppressed(IdentifierSuppressed suppression) {
        if (suppression != null) {
            suppressed.add(suppression.identifierHash());
        }
    }

    /** Whether an identifier with this hash was erased. */
    public boolean holds(String identifierHash) {
        return suppressed.contains(identifierHash);
    }

    /** True, and counted, when any identifier of the event was erased. */
    public boolean drops(EventAccepted event) {
        if (suppressed.isEmpty()) {
            return false;
        }
        boolean drop = event.identifiers().stream().anyMatch(identifier -> suppressed.contains(identifier.hash()));
        if (drop) {
            dropped.increment();
        }
        return drop;
    }
}
