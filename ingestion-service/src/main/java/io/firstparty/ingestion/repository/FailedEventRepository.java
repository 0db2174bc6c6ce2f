package io.firstparty.ingestion.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.firstparty.contracts.events.EventRejected;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.ingestion.domain.FailedEvent;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.kit.persistence.Queries;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FailedEventRepository {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };

    private final DataSource dataSource;

    FailedEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Idempotent: a redelivered failure keeps its first row. */
    public void store(List<EventRejected> failures) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO failed_event (id, source_id, message_id, type, violations, reason, original_body, received_at)
                     VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")) {
            for (EventRejected failure : failures) {
                insert.setObject(1, UUID.fromString(failure.failureId()));
                insert.setObject(2, UUID.fromString(failure.sourceId()));
                insert.setString(3, failure.messageId());
                insert.setString(4, failure.type() == null ? null : failure.type().code());
                insert.setString(5, JsonColumn.write(failure.violations()));
                insert.setString(6, failure.violations().isEmpty() ? "" : failure.violations().get(0).rule());
                insert.setString(7, failure.originalBody());
                insert.setTimestamp(8, Timestamp.from(failure.receivedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Newest first, a page at a time.
     *
     * @param reason  keeps failures one of whose violations names this text in its field or rule, or null
     * @param before  the received-at instant of the last failure of the previous page, or null
     */
    public List<FailedEvent> find(UUID sourceId, String reason, boolean openOnly, Instant before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT id, source_id, message_id, type, violations::text, original_body, received_at, replayed_at
                FROM failed_event WHERE source_id = ?""");
        List<Object> parameters = new ArrayList<>(List.of(sourceId));
        if (reason != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM jsonb_array_elements(violations) v"
                    + " WHERE v->>'rule' ILIKE ? OR v->>'field' ILIKE ?)");
            String pattern = "%" + reason.replace("%", "\\%").replace("_", "\\_") + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (openOnly) {
            sql.append(" AND replayed_at IS NULL");
        }
        if (before != null) {
            sql.append(" AND received_at < ?");
            parameters.add(Timestamp.from(before));
        }
        sql.append(" ORDER BY received_at DESC, id LIMIT ?");
        parameters.add(limit);
        return Queries.list(dataSource, sql.toString(), FailedEventRepository::failure, parameters.toArray());
    }

    public List<FailedEvent> findOpen(UUID sourceId, List<UUID> ids) throws SQLException {
        return Queries.list(dataSource, """
                SELECT id, source_id, message_id, type, violations::text, original_body, received_at, replayed_at
                FROM failed_event WHERE source_id = ? AND id = ANY (?) AND replayed_at IS NULL ORDER BY received_at""",
                FailedEventRepository::failure, sourceId, ids.toArray(UUID[]::new));
    }

    public void markReplayed(List<UUID> ids) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE failed_event SET replayed_at = now() WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    private static FailedEvent failure(ResultSet row) throws SQLException {
        Timestamp replayed = row.getTimestamp(8);
        return new FailedEvent(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4) == null ? null : EventType.fromCode(row.getString(4)),
                JsonColumn.read(row.getString(5), VIOLATIONS), row.getString(6), row.getTimestamp(7).toInstant(),
                replayed == null ? null : replayed.toInstant());
    }
}
