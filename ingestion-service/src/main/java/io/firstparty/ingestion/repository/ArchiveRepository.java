package io.firstparty.ingestion.repository;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.ingestion.domain.SourceStats;
import io.firstparty.kit.persistence.JsonColumn;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The archive of accepted events and the per-source counters. */
@ApplicationScoped
public class ArchiveRepository {

    public static final String DUPLICATES = "duplicates";

    private final DataSource dataSource;

    ArchiveRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the events not stored before, in one transaction with the count of those dropped as
     * duplicates, so a redelivered batch neither stores nor counts anything twice.
     *
     * @return how many were duplicates, per source
     */
    public Map<UUID, Integer> store(List<EventAccepted> events) throws SQLException {
        Map<UUID, Integer> duplicates = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO archived_event (source_id, message_id, type, event, happened_at, received_at)
                    VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (EventAccepted event : events) {
                    insert.setObject(1, UUID.fromString(event.sourceId()));
                    insert.setString(2, event.messageId());
                    insert.setString(3, event.type().code());
                    insert.setString(4, JsonColumn.write(event));
                    insert.setTimestamp(5, Timestamp.from(event.timestamp()));
                    insert.setTimestamp(6, Timestamp.from(event.receivedAt()));
                    insert.addBatch();
                }
                // One round trip for the whole poll; each row's count says whether it was new.
                int[] inserted = insert.executeBatch();
                for (int i = 0; i < inserted.length; i++) {
                    if (inserted[i] == 0) {
                        duplicates.merge(UUID.fromString(events.get(i).sourceId()), 1, Integer::sum);
                    }
                }
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
            connection.commit();
        }
        return duplicates;
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
