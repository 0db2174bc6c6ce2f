package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.domain.ArchivedEvent;
import io.firstparty.ingestion.repository.ArchiveRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores accepted events in the archive, dropping message ids a source already sent: a client's
 * retry, or a redelivery after a crash, is counted and never stored twice. Records stay the bytes
 * they were published as; the service does not parse them (the database does, once).
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

    /** Offsets are committed only after this returns, so a crash in between redelivers the batch; the store skips it. */
    @Incoming("events-archive")
    @Blocking
    void archive(ConsumerRecords<String, byte[]> records) throws Exception {
        List<ArchivedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null) {
                events.add(new ArchivedEvent(record.value(), record.partition(), record.offset()));
            }
        }
        if (!events.isEmpty()) {
            DatabaseOutages.retrying("archive",
                    () -> archive.store(Topics.EVENTS_ACCEPTED, events).values().forEach(duplicates::increment));
        }
    }
}
