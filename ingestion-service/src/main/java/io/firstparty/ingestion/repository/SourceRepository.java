package io.firstparty.ingestion.repository;

import io.firstparty.contracts.events.EventType;
import io.firstparty.ingestion.domain.NewSource;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.WriteKey;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class SourceRepository {

    private static final String SELECT = """
            SELECT s.id, s.brand, s.name, s.allowed_origins, s.rate_limit_per_second, s.event_types, s.enabled,
                   k.key_prefix, s.created_at
            FROM source s
            LEFT JOIN write_key k ON k.source_id = s.id AND k.revoked_at IS NULL
            """;

    private final DataSource dataSource;

    SourceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the source and its first key in one transaction. */
    public UUID insert(NewSource source, WriteKey key) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO source (id, brand, name, allowed_origins, rate_limit_per_second, event_types)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setString(2, source.brand().strip());
                insert.setString(3, source.name().strip());
                insert.setArray(4, connection.createArrayOf("text", source.allowedOrigins().toArray()));
                insert.setInt(5, source.rateLimitPerSecond());
                insert.setArray(6, connection.createArrayOf("text", codes(source.eventTypes())));
                insert.executeUpdate();
            }
            insertKey(connection, id, key);
            connection.commit();
        }
        return id;
    }

    /** Revokes every key of the source and stores the new one, atomically. */
    public void replaceKey(UUID sourceId, WriteKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement revoke = connection.prepareStatement(
                    "UPDATE write_key SET revoked_at = now() WHERE source_id = ? AND revoked_at IS NULL")) {
                revoke.setObject(1, sourceId);
                revoke.executeUpdate();
            }
            insertKey(connection, sourceId, key);
            connection.commit();
        }
    }

    public boolean setEnabled(UUID id, boolean enabled) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE source SET enabled = ?, updated_at = now() WHERE id = ?")) {
            update.setBoolean(1, enabled);
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        }
    }

    public boolean exists(String brand, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM source WHERE brand = ? AND name = ?")) {
            query.setString(1, brand.strip());
            query.setString(2, name.strip());
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    public Optional<Source> findById(UUID id) throws SQLException {
        return findOne(SELECT + " WHERE s.id = ?", id);
    }

    /** The source a live (not revoked) key belongs to. */
    public Optional<Source> findByKeyHash(String keyHash) throws SQLException {
        return findOne(SELECT.replace("LEFT JOIN", "JOIN") + " WHERE k.key_hash = ?", keyHash);
    }

    public List<Source> list() throws SQLException {
        List<Source> sources = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(SELECT + " ORDER BY s.brand, s.name");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                sources.add(map(row));
            }
        }
        return sources;
    }

    private Optional<Source> findOne(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(map(row)) : Optional.empty();
            }
        }
    }

    private static void insertKey(Connection connection, UUID sourceId, WriteKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO write_key (key_hash, source_id, key_prefix) VALUES (?, ?, ?)")) {
            insert.setString(1, key.hash());
            insert.setObject(2, sourceId);
            insert.setString(3, key.displayPrefix());
            insert.executeUpdate();
        }
    }

    private static Source map(ResultSet row) throws SQLException {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Arrays.stream(strings(row.getArray(6))).map(EventType::fromCode).forEach(types::add);
        return new Source(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                List.of(strings(row.getArray(4))), row.getInt(5), types, row.getBoolean(7), row.getString(8),
                row.getTimestamp(9).toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static String[] codes(Set<EventType> types) {
        return types.stream().map(EventType::code).sorted().collect(Collectors.toList()).toArray(String[]::new);
    }
}
