package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.events.EventRejected;
import io.firstparty.ingestion.repository.FailedEventRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Objects;

/** Keeps failed events from their topic in the queryable, replayable store. */
@ApplicationScoped
public class FailedEventArchiver {

    private final FailedEventRepository failures;

    FailedEventArchiver(FailedEventRepository failures) {
        this.failures = failures;
    }

    @Incoming("failed-events")
    @Blocking
    void store(List<EventRejected> rejected) throws Exception {
        List<EventRejected> present = rejected.stream().filter(Objects::nonNull).toList();
        if (!present.isEmpty()) {
            DatabaseOutages.retrying("failed-event store",
                    () -> QuarkusTransaction.requiringNew().call(() -> {
                        failures.store(present);
                        return null;
                    }));
        }
    }
}
