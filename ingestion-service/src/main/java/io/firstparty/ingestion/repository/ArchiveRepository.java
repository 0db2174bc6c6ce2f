package io.firstparty.ingestion.repository;

import io.firstparty.ingestion.domain.ArchivedEvent;
import io.firstparty.ingestion.domain.SourceStats;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The archive of accepted events and the per-source counters. Plain JDBC on purpose: this is the
 * measured hot path (one archiver replica must keep up with one collection replica), and it needs
 * PostgreSQL's COPY, which no ORM offers.
 */
@ApplicationScoped
public class ArchiveRepository {

    public static final String DUPLICATES = "duplicates";
    private static final Logger LOG = Logger.getLogger(ArchiveRepository.class);

    private final DataSource dataSource;

    ArchiveRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the events not stored before, in one transaction with the count of those dropped as
     * duplicates and with how far each partition has been read. Events at offsets already read (a
     * batch Kafka redelivers after a crash) are skipped, so nothing is stored or counted twice.
     * The batch is copied into a temporary table with binary COPY, then moved with one set-based
     * insert that skips message ids already stored: far cheaper per row than binding parameters.
     * The records are not read in the service at all: PostgreSQL parses each once, into the jsonb
     * it stores, and takes the columns it is keyed and ordered by from there.
     *
     * @return how many were duplicates, per source
     */
    public Map<UUID, Integer> store(String topic, List<ArchivedEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<ArchivedEvent> unread = unread(connection, topic, events);
                Map<UUID, Integer> duplicates = unread.isEmpty() ? Map.of() : insert(connection, unread);
                count(connection, duplicates);
                advance(connection, topic, events);
                connection.commit();
                return duplicates;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The events past each partition's stored position; the positions stay locked until commit. */
    private static List<ArchivedEvent> unread(Connection connection, String topic, List<ArchivedEvent> events)
            throws SQLException {
        Integer[] partitions = events.stream().map(ArchivedEvent::partition).distinct().toArray(Integer[]::new);
        try (PreparedStatement known = connection.prepareStatement("""
                INSERT INTO archive_progress (topic, topic_partition, next_offset)
                SELECT ?, unnest(?::int[]), 0 ON CONFLICT DO NOTHING""")) {
            known.setString(1, topic);
            known.setArray(2, connection.createArrayOf("int4", partitions));
            known.executeUpdate();
        }
        Map<Integer, Long> next = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT topic_partition, next_offset FROM archive_progress
                WHERE topic = ? AND topic_partition = ANY(?::int[]) FOR UPDATE""")) {
            lock.setString(1, topic);
            lock.setArray(2, connection.createArrayOf("int4", partitions));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    next.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        List<ArchivedEvent> unread = new ArrayList<>(events.size());
        for (ArchivedEvent event : events) {
            if (event.offset() >= next.getOrDefault(event.partition(), 0L)) {
                unread.add(event);
            }
        }
        return unread;
    }

    private static Map<UUID, Integer> insert(Connection connection, List<ArchivedEvent> events) throws SQLException {
        try (PreparedStatement staging = connection.prepareStatement(
                "CREATE TEMPORARY TABLE IF NOT EXISTS archive_staging (event jsonb) ON COMMIT DELETE ROWS")) {
            staging.execute();
        }
        byte[] rows = BinaryCopyRows.of(events);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY archive_staging (event) FROM STDIN (FORMAT binary)");
        try {
            copy.writeToCopy(rows, 0, rows.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        // One statement for the whole batch. The columns are read out of the jsonb PostgreSQL has just
        // parsed, not in the service. A record without a readable source id, message id or type (none
        // that ingestion published) cannot be keyed: it is skipped and counted, so that it never
        // stops the archive. It answers, per source, how many records were not stored because their
        // message id was, and under a null source how many were unreadable.
        Map<UUID, Integer> duplicates = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                WITH batch AS (
                    SELECT CASE WHEN event->>'sourceId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                THEN (event->>'sourceId')::uuid END AS source_id,
                           event->>'messageId' AS message_id, event->>'type' AS type, event,
                           (event->>'timestamp')::timestamptz AS happened_at,
                           (event->>'receivedAt')::timestamptz AS received_at
                    FROM archive_staging),
                readable AS (
                    SELECT * FROM batch WHERE source_id IS NOT NULL AND message_id IS NOT NULL AND type IS NOT NULL),
                stored AS (
                    INSERT INTO archived_event (source_id, message_id, type, event, happened_at, received_at)
                    SELECT * FROM readable ON CONFLICT DO NOTHING RETURNING source_id)
                SELECT b.source_id, b.total - COALESCE(s.stored, 0)
                FROM (SELECT source_id, count(*) AS total FROM readable GROUP BY source_id) b
                LEFT JOIN (SELECT source_id, count(*) AS stored FROM stored GROUP BY source_id) s USING (source_id)
                WHERE b.total > COALESCE(s.stored, 0)
                UNION ALL
                SELECT NULL, (SELECT count(*) FROM batch) - (SELECT count(*) FROM readable)""");
             ResultSet counted = insert.executeQuery()) {
            while (counted.next()) {
                UUID source = counted.getObject(1, UUID.class);
                if (source != null) {
                    duplicates.put(source, counted.getInt(2));
                } else if (counted.getInt(2) > 0) {
                    LOG.warnf("%d accepted records without a readable sourceId, messageId or type were not archived",
                            counted.getInt(2));
                }
            }
        }
        return duplicates;
    }

    private static void count(Connection connection, Map<UUID, Integer> duplicates) throws SQLException {
        if (duplicates.isEmpty()) {
            return;
        }
        try (PreparedStatement count = connection.prepareStatement("""
                INSERT INTO source_counter (source_id, name, value) VALUES (?, ?, ?)
                ON CONFLICT (source_id, name) DO UPDATE SET value = source_counter.value + EXCLUDED.value""")) {
            for (Map.Entry<UUID, Integer> entry : duplicates.entrySet()) {
                count.setObject(1, entry.getKey());
                count.setString(2, DUPLICATES);
                count.setLong(3, entry.getValue());
                count.addBatch();
            }
            count.executeBatch();
        }
    }

    private static void advance(Connection connection, String topic, List<ArchivedEvent> events) throws SQLException {
        Map<Integer, Long> next = new TreeMap<>();
        for (ArchivedEvent event : events) {
            next.merge(event.partition(), event.offset() + 1, Math::max);
        }
        try (PreparedStatement advance = connection.prepareStatement("""
                UPDATE archive_progress SET next_offset = GREATEST(next_offset, ?)
                WHERE topic = ? AND topic_partition = ?""")) {
            for (Map.Entry<Integer, Long> partition : next.entrySet()) {
                advance.setLong(1, partition.getValue());
                advance.setString(2, topic);
                advance.setInt(3, partition.getKey());
                advance.addBatch();
            }
            advance.executeBatch();
        }
    }

    public SourceStats stats(UUID sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT (SELECT count(*) FROM archived_event WHERE source_id = ?),
                            (SELECT count(*) FROM failed_event WHERE source_id = ?),
                            (SELECT count(*) FROM failed_event WHERE source_id = ? AND replayed_at IS NULL),
                            (SELECT COALESCE(MAX(value), 0) FROM source_counter WHERE source_id = ? AND name = ?)""")) {
            for (int i = 1; i <= 4; i++) {
                query.setObject(i, sourceId);
            }
            query.setString(5, DUPLICATES);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new SourceStats(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
            }
        }
    }
}
