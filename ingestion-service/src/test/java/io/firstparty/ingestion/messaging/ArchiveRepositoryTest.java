package io.firstparty.ingestion.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.ingestion.domain.ArchivedEvent;
import io.firstparty.ingestion.repository.ArchiveRepository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The archive's store, as Kafka drives it: batches copied in, client retries counted once as
 * duplicates, and a batch redelivered after a crash (same partition and offsets) skipped entirely.
 * Each test uses a topic name of its own, so the running archiver's positions are not touched.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ArchiveRepositoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ArchiveRepository archive;

    @Inject
    DataSource dataSource;

    @Test
    void redeliveredBatchesAreSkippedAndRetriesCountedOnce() throws Exception {
        String topic = "archive-test-" + UUID.randomUUID();
        UUID source = UUID.randomUUID();
        List<ArchivedEvent> first = List.of(event(source, "m-1", 0, 0), event(source, "m-2", 1, 0),
                event(source, "m-3", 0, 1));
        List<ArchivedEvent> second = List.of(event(source, "m-3", 0, 2), event(source, "m-4", 1, 1));

        assertEquals(Map.of(), archive.store(topic, first));
        assertEquals(Map.of(), archive.store(topic, first), "a redelivered batch is skipped");
        assertEquals(Map.of(source, 1), archive.store(topic, second), "a client's retry of m-3 is a duplicate");
        assertEquals(Map.of(), archive.store(topic, second), "and counted once, however often it is redelivered");

        assertEquals(4, archive.stats(source).stored());
        assertEquals(1, archive.stats(source).duplicates());
    }

    /** Binary COPY takes every byte as sent: tabs, new lines, backslashes, escapes and non-ASCII text. */
    @Test
    void anyTextAndTimeIsStoredAsSent() throws Exception {
        UUID source = UUID.randomUUID();
        String messageId = "tab\\there, back\\\\slash, new\\nline, é→✓";
        String json = "{\"sourceId\":\"" + source + "\",\"messageId\":\"" + messageId + "\",\"type\":\"track\","
                + "\"timestamp\":\"1999-12-31T23:59:59.999999Z\",\"receivedAt\":\"2026-03-01T10:15:31Z\","
                + "\"properties\":{\"path\":\"C:\\\\temp\\\\\",\"quote\":\"\\\"\\t\",\"city\":\"Besançon\"}}";
        archive.store("archive-test-" + UUID.randomUUID(), List.of(new ArchivedEvent(json.getBytes(StandardCharsets.UTF_8), 0, 0)));

        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT message_id, type, event::text, happened_at, received_at FROM archived_event WHERE source_id = ?")) {
            query.setObject(1, source);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertEquals("tab\there, back\\slash, new\nline, é→✓", row.getString(1));
                assertEquals("track", row.getString(2));
                assertEquals(JSON.readTree(json), JSON.readTree(row.getString(3)));
                assertEquals(Instant.parse("1999-12-31T23:59:59.999999Z"), row.getTimestamp(4).toInstant());
                assertEquals(Instant.parse("2026-03-01T10:15:31Z"), row.getTimestamp(5).toInstant());
            }
        }
    }

    /**
     * A record the archive cannot key (no message id, no readable source id) is skipped, never stored
     * half-keyed, and does not stop the readable records of its batch: a stray record on the topic
     * must not halt the archive for good.
     */
    @Test
    void aRecordWithoutTheColumnsIsSkippedAndItsBatchStored() throws Exception {
        UUID source = UUID.randomUUID();
        String topic = "archive-test-" + UUID.randomUUID();
        ArchivedEvent lacking = new ArchivedEvent(("{\"sourceId\":\"" + source + "\",\"type\":\"track\"}")
                .getBytes(StandardCharsets.UTF_8), 0, 1);
        ArchivedEvent foreign = new ArchivedEvent("{\"sourceId\":\"not-a-source\",\"messageId\":\"m-9\",\"type\":\"track\"}"
                .getBytes(StandardCharsets.UTF_8), 0, 2);

        archive.store(topic, List.of(event(source, "m-1", 0, 0), lacking, foreign));
        assertEquals(1, archive.stats(source).stored());
        archive.store(topic, List.of(event(source, "m-2", 0, 3)));
        assertEquals(2, archive.stats(source).stored(), "the archive goes on past them");
    }

    private static ArchivedEvent event(UUID source, String messageId, int partition, long offset) {
        String json = "{\"sourceId\":\"" + source + "\",\"messageId\":\"" + messageId + "\",\"type\":\"track\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\",\"receivedAt\":\"2026-03-01T10:00:01Z\"}";
        return new ArchivedEvent(json.getBytes(StandardCharsets.UTF_8), partition, offset);
    }
}
