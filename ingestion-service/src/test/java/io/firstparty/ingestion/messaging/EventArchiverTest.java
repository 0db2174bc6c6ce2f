package io.firstparty.ingestion.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.domain.ArchivedEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The archive reads its columns straight from the published bytes, so it must follow the contract's names. */
class EventArchiverTest {

    @Test
    void readsTheArchiveColumnsOfAPublishedRecordAndKeepsItsBytes() {
        UUID source = UUID.randomUUID();
        Instant happened = Instant.parse("2026-03-01T10:15:30.123456Z");
        Instant received = Instant.parse("2026-03-01T10:15:31Z");
        EventAccepted event = new EventAccepted(EventAccepted.CURRENT_VERSION, "m-1", source.toString(), EventType.TRACK,
                "u-1", null, "Quiz Completed", null, null, null,
                JsonNodeFactory.instance.objectNode().put("sourceId", "not this one").put("timestamp", "nor this"),
                null, null, null, Map.of("marketing", true),
                List.of(new Identifier(IdentifierType.USER_ID, "u-1")), happened, received, received);
        byte[] record = new ContractSerializer().serialize(Topics.EVENTS_ACCEPTED, event);

        ArchivedEvent archived = EventArchiver.read(record, 3, 42);

        assertEquals(source, archived.sourceId());
        assertEquals("m-1", archived.messageId());
        assertEquals("track", archived.type());
        assertEquals(happened, archived.happenedAt());
        assertEquals(received, archived.receivedAt());
        assertArrayEquals(record, archived.json(), "the record is kept as the bytes it was published as");
        assertEquals(3, archived.partition());
        assertEquals(42, archived.offset());
    }

    @Test
    void aRecordWithoutTheColumnsIsRefusedByName() {
        assertThrows(SerializationException.class,
                () -> EventArchiver.read("{\"messageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8), 0, 0));
    }
}
