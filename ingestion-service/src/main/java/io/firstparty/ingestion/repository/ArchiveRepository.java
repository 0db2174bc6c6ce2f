package io.firstparty.ingestion.repository;

import io.firstparty.ingestion.domain.ArchivedEvent;
import io.firstparty.ingestion.domain.SourceStats;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The archive of accepted events and the per-source counters. */
@ApplicationScoped
public class ArchiveRepository {

    public static final String DUPLICATES = "duplicates";

    private final DataSource dataSource;

    ArchiveRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the events not stored before, in one statement and one transaction with the count of
     * those dropped as duplicates, so a redelivered batch neither stores nor counts anything twice.
     *
     * @return how many were duplicates, per source
     */
    public Map<UUID, Integer> store(List<ArchivedEvent> events) throws SQLException {
        Map<UUID, Integer> duplicates = new HashMap<>();
        for (ArchivedEvent event : events) {
            duplicates.merge(event.sourceId(), 1, Integer::sum);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // One statement for the whole poll: the rows it returns are the ones that were new.
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO archived_event (source_id, message_id, type, event, happened_at, received_at)
                    SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::jsonb[], ?::timestamptz[], ?::timestamptz[])
                    ON CONFLICT DO NOTHING
                    RETURNING source_id""")) {
                insert.setArray(1, column(connection, events, event -> event.sourceId().toString()));
                insert.setArray(2, column(connection, events, ArchivedEvent::messageId));
                insert.setArray(3, column(connection, events, ArchivedEvent::type));
                insert.setArray(4, column(connection, events, ArchivedEvent::json));
                insert.setArray(5, column(connection, events, event -> event.happenedAt().toString()));
                insert.setArray(6, column(connection, events, event -> event.receivedAt().toString()));
                try (ResultSet stored = insert.executeQuery()) {
                    while (stored.next()) {
                        duplicates.merge(stored.getObject(1, UUID.class), -1, Integer::sum);
                    }
                }
            }
            duplicates.values().removeIf(count -> count == 0);
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
            connection.commit();
        }
        return duplicates;
    }

    private static Array column(Connection connection, List<ArchivedEvent> events, Function<ArchivedEvent, String> value)
            throws SQLException {
        String[] column = new String[events.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(events.get(i));
        }
        return connection.createArrayOf("text", column);
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
