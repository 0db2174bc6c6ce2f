package io.firstparty.ingestion.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.ingestion.domain.EventSchema;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.kit.persistence.Queries;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EventSchemaRepository {

    private final DataSource dataSource;

    EventSchemaRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the schema as the next version of its key and returns that version. */
    public int addVersion(UUID sourceId, String eventKey, JsonNode schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO event_schema (source_id, event_key, version, schema)
                     SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?::jsonb FROM event_schema
                     WHERE source_id = ? AND event_key = ?
                     RETURNING version""")) {
            insert.setObject(1, sourceId);
            insert.setString(2, eventKey);
            insert.setString(3, schema.toString());
            insert.setObject(4, sourceId);
            insert.setString(5, eventKey);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    public Optional<EventSchema> latest(UUID sourceId, String eventKey) throws SQLException {
        List<EventSchema> found = query("""
                SELECT event_key, version, schema::text, created_at FROM event_schema
                WHERE source_id = ? AND event_key = ? ORDER BY version DESC LIMIT 1""", sourceId, eventKey);
        return found.stream().findFirst();
    }

    /** The newest version of every key of the source. */
    public List<EventSchema> latestOfEach(UUID sourceId) throws SQLException {
        return query("""
                SELECT DISTINCT ON (event_key) event_key, version, schema::text, created_at FROM event_schema
                WHERE source_id = ? ORDER BY event_key, version DESC""", sourceId);
    }

    private List<EventSchema> query(String sql, Object... parameters) throws SQLException {
        return Queries.list(dataSource, sql, EventSchemaRepository::schema, parameters);
    }

    private static EventSchema schema(ResultSet row) throws SQLException {
        return new EventSchema(row.getString(1), row.getInt(2), JsonColumn.read(row.getString(3), JsonNode.class),
                row.getTimestamp(4).toInstant());
    }
}
