package io.firstparty.ingestion.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.domain.ArchivedEvent;
import io.firstparty.ingestion.repository.ArchiveRepository;
import io.firstparty.ingestion.service.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores accepted events in the archive, dropping message ids a source already sent: a client's
 * retry, or a redelivery after a crash, is counted and never stored twice. Records stay the bytes
 * they were published as; only the few fields the archive is keyed and ordered by are read out.
 */
@ApplicationScoped
public class EventArchiver {

    private static final JsonFactory JSON = ContractJson.MAPPER.getFactory();

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
                events.add(read(record.value(), record.partition(), record.offset()));
            }
        }
        if (!events.isEmpty()) {
            DatabaseOutages.retrying("archive",
                    () -> archive.store(Topics.EVENTS_ACCEPTED, events).values().forEach(duplicates::increment));
        }
    }

    /** Reads an {@code EventAccepted} record's archive columns, skipping everything else. */
    static ArchivedEvent read(byte[] record, int partition, long offset) {
        String sourceId = null;
        String messageId = null;
        String type = null;
        String timestamp = null;
        String receivedAt = null;
        try (JsonParser parser = JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("an accepted event must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "sourceId" -> sourceId = parser.getText();
                    case "messageId" -> messageId = parser.getText();
                    case "type" -> type = parser.getText();
                    case "timestamp" -> timestamp = parser.getText();
                    case "receivedAt" -> receivedAt = parser.getText();
                    default -> parser.skipChildren();
                }
            }
            return new ArchivedEvent(UUID.fromString(sourceId), messageId, type, Timestamps.parse(timestamp),
                    Timestamps.parse(receivedAt), record, partition, offset);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("an accepted event lacks the archive's columns", e);
        }
    }
}
