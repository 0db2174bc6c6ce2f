package io.firstparty.ingestion.repository;

import io.firstparty.ingestion.domain.ArchivedEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Archive rows in PostgreSQL's binary COPY format. Binary, not text, because the archive is the
 * measured hot path: the published JSON goes in as the bytes it was read as (no String, no
 * escaping), and PostgreSQL reads uuids and timestamps without parsing text.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMNS = 6;
    private static final byte JSONB_VERSION = 1;
    /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

    private BinaryCopyRows() {
    }

    /** The rows (source_id, message_id, type, event, happened_at, received_at), with header and trailer. */
    static byte[] of(List<ArchivedEvent> events) {
        byte[][] messageIds = new byte[events.size()][];
        byte[][] types = new byte[events.size()][];
        int size = SIGNATURE.length + 4 + 4 + 2;
        for (int i = 0; i < events.size(); i++) {
            ArchivedEvent event = events.get(i);
            messageIds[i] = event.messageId().getBytes(StandardCharsets.UTF_8);
            types[i] = event.type().getBytes(StandardCharsets.UTF_8);
            size += 2 + (4 + 16) + (4 + messageIds[i].length) + (4 + types[i].length)
                    + (4 + 1 + event.json().length) + 2 * (4 + 8);
        }
        ByteBuffer rows = ByteBuffer.allocate(size);
        rows.put(SIGNATURE).putInt(0).putInt(0);
        for (int i = 0; i < events.size(); i++) {
            ArchivedEvent event = events.get(i);
            rows.putShort(COLUMNS);
            uuid(rows, event.sourceId());
            rows.putInt(messageIds[i].length).put(messageIds[i]);
            rows.putInt(types[i].length).put(types[i]);
            rows.putInt(1 + event.json().length).put(JSONB_VERSION).put(event.json());
            timestamp(rows, event.happenedAt());
            timestamp(rows, event.receivedAt());
        }
        rows.putShort((short) -1);
        return rows.array();
    }

    private static void uuid(ByteBuffer rows, UUID id) {
        rows.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static void timestamp(ByteBuffer rows, Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                instant.getNano() / 1_000);
        rows.putInt(8).putLong(micros);
    }
}
