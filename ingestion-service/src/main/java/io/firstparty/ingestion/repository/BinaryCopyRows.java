package io.firstparty.ingestion.repository;

import io.firstparty.ingestion.domain.ArchivedEvent;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Archive rows in PostgreSQL's binary COPY format: one jsonb column, the published JSON as the
 * bytes it was read as. Binary, because the archive is the measured hot path: no String is made
 * and nothing is escaped; PostgreSQL parses each record once, as the jsonb it stores.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMNS = 1;
    private static final byte JSONB_VERSION = 1;

    private BinaryCopyRows() {
    }

    /** The rows (event), with header and trailer. */
    static byte[] of(List<ArchivedEvent> events) {
        int size = SIGNATURE.length + 4 + 4 + 2;
        for (ArchivedEvent event : events) {
            size += 2 + 4 + 1 + event.json().length;
        }
        ByteBuffer rows = ByteBuffer.allocate(size);
        rows.put(SIGNATURE).putInt(0).putInt(0);
        for (ArchivedEvent event : events) {
            rows.putShort(COLUMNS).putInt(1 + event.json().length).put(JSONB_VERSION).put(event.json());
        }
        rows.putShort((short) -1);
        return rows.array();
    }
}
