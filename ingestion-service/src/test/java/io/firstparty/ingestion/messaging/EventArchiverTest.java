package io.firstparty.ingestion.messaging;

import io.firstparty.ingestion.repository.ArchiveRepository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A poll split between the archive's writers (two by default, each its own transaction for its own
 * partitions): everything is stored once, and a poll that failed half-way is redelivered without the
 * half already stored being stored or counted again. Each test reads a topic name of its own.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class EventArchiverTest {

    @Inject
    EventArchiver archiver;

    @Inject
    ArchiveRepository archive;

    @Test
    void aPollSpreadOverFourPartitionsIsStoredOnceAndItsRetriesCountedOnce() throws Exception {
        String topic = "archiver-test-" + UUID.randomUUID();
        UUID source = UUID.randomUUID();
        Map<Integer, List<String>> messages = Map.of(0, List.of("m-0", "m-1"), 1, List.of("m-2", "m-3"),
                2, List.of("m-4", "m-5"), 3, List.of("m-6", "m-2"));

        archiver.archive(poll(topic, source, messages, null));
        archiver.archive(poll(topic, source, messages, null));

        assertEquals(7, archive.stats(source).stored());
        assertEquals(1, archive.stats(source).duplicates(), "the client's retry of m-2, once however often redelivered");
    }

    @Test
    void aPollThatFailedHalfWayIsRedeliveredWithoutTheStoredHalfCountingTwice() throws Exception {
        String topic = "archiver-test-" + UUID.randomUUID();
        UUID source = UUID.randomUUID();
        Map<Integer, List<String>> messages = Map.of(0, List.of("m-0"), 1, List.of("m-1", "m-2"),
                2, List.of("m-3"), 3, List.of("m-4"));

        // The writer of the odd partitions meets a record it cannot store; the even ones are written.
        assertThrows(SQLException.class, () -> archiver.archive(poll(topic, source, messages, "m-2")));
        assertEquals(2, archive.stats(source).stored());

        archiver.archive(poll(topic, source, messages, null));
        assertEquals(5, archive.stats(source).stored());
        assertEquals(0, archive.stats(source).duplicates(), "the redelivered even half is skipped, not counted");
    }

    /** Records of the partitions given, at offsets 0, 1, …; the message named {@code broken} has a time PostgreSQL cannot read. */
    private static ConsumerRecords<String, byte[]> poll(String topic, UUID source, Map<Integer, List<String>> messages,
                                                       String broken) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = new HashMap<>();
        messages.forEach((partition, ids) -> {
            List<ConsumerRecord<String, byte[]>> ofPartition = new ArrayList<>();
            for (int offset = 0; offset < ids.size(); offset++) {
                String id = ids.get(offset);
                String json = "{\"sourceId\":\"" + source + "\",\"messageId\":\"" + id + "\",\"type\":\"track\","
                        + "\"timestamp\":\"" + (id.equals(broken) ? "the day after" : "2026-03-01T10:00:00Z")
                        + "\",\"receivedAt\":\"2026-03-01T10:00:01Z\"}";
                ofPartition.add(new ConsumerRecord<>(topic, partition, offset, id, json.getBytes(StandardCharsets.UTF_8)));
            }
            records.put(new TopicPartition(topic, partition), ofPartition);
        });
        return new ConsumerRecords<>(records, Map.of());
    }
}
