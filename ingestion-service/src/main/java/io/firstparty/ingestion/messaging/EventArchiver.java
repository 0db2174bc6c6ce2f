package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.config.ArchiveConfig;
import io.firstparty.ingestion.domain.ArchivedEvent;
import io.firstparty.ingestion.repository.ArchiveRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stores accepted events in the archive, dropping message ids a source already sent: a client's
 * retry, or a redelivery after a crash, is counted and never stored twice. Records stay the bytes
 * they were published as; the service does not parse them (the database does, once).
 * A poll is split by partition between a few writers, each its own transaction: the archive's
 * position is kept per partition, so a poll that fails half-way is redelivered and the half already
 * stored is recognised and skipped.
 */
@ApplicationScoped
public class EventArchiver {

    private final ArchiveRepository archive;
    private final Counter duplicates;
    private final int writers;
    private final ExecutorService otherWriters;

    EventArchiver(ArchiveRepository archive, ArchiveConfig config, MeterRegistry registry) {
        this.archive = archive;
        this.writers = Math.max(1, config.writers());
        this.otherWriters = Executors.newFixedThreadPool(Math.max(1, writers - 1), runnable -> {
            Thread thread = new Thread(runnable, "archive-writer");
            thread.setDaemon(true);
            return thread;
        });
        this.duplicates = Counter.builder("firstparty.events.duplicates")
                .description("Accepted events dropped because their message id was already stored").register(registry);
    }

    /** Offsets are committed only after this returns, so a crash in between redelivers the batch; the store skips it. */
    @Incoming("events-archive")
    @Blocking
    void archive(ConsumerRecords<String, byte[]> records) throws Exception {
        Map<Integer, List<ArchivedEvent>> byWriter = new TreeMap<>();
        String topic = Topics.EVENTS_ACCEPTED;
        for (ConsumerRecord<String, byte[]> record : records) {
            topic = record.topic();
            if (record.value() != null) {
                byWriter.computeIfAbsent(record.partition() % writers, writer -> new ArrayList<>())
                        .add(new ArchivedEvent(record.value(), record.partition(), record.offset()));
            }
        }
        List<List<ArchivedEvent>> shares = new ArrayList<>(byWriter.values());
        if (shares.isEmpty()) {
            return;
        }
        List<Future<?>> others = new ArrayList<>();
        for (List<ArchivedEvent> share : shares.subList(1, shares.size())) {
            String read = topic;
            others.add(otherWriters.submit(() -> {
                store(read, share);
                return null;
            }));
        }
        Exception failure = null;
        try {
            store(topic, shares.get(0));
        } catch (Exception e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void store(String topic, List<ArchivedEvent> events) throws Exception {
        DatabaseOutages.retrying("archive", () -> archive.store(topic, events).values().forEach(duplicates::increment));
    }

    void stop(@Observes ShutdownEvent event) {
        otherWriters.shutdownNow();
    }
}
