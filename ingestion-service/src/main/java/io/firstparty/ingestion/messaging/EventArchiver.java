package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.ingestion.repository.ArchiveRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Stores accepted events in the archive, dropping message ids a source already sent: a client's
 * retry, or a redelivery after a crash, is counted and never stored twice.
 */
@ApplicationScoped
public class EventArchiver {

    private final ArchiveRepository archive;
    private final Counter duplicates;

    EventArchiver(ArchiveRepository archive, MeterRegistry registry) {
        this.archive = archive;
        this.duplicates = Counter.builder("firstparty.events.duplicates")
                .description("Accepted events dropped because their message id was already stored").register(registry);
    }

    @Incoming("events-archive")
    @Blocking
    void archive(List<EventAccepted> events) throws SQLException {
        List<EventAccepted> present = events.stream().filter(Objects::nonNull).toList();
        if (!present.isEmpty()) {
            archive.store(present).values().forEach(duplicates::increment);
        }
    }
}
