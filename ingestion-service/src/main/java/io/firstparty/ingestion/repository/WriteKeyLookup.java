package io.firstparty.ingestion.repository;

import io.firstparty.contracts.events.EventType;
import io.firstparty.ingestion.domain.Source;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;

/**
 * The source a live write key belongs to, for the key cache of the collection path. Plain JDBC on
 * purpose: it is on the measured hot path (every cache miss of every collection call), where one
 * prepared statement without an ORM session costs least.
 */
@ApplicationScoped
public class WriteKeyLookup {

    private final DataSource dataSource;

    WriteKeyLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Source> findByKeyHash(String keyHash) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT s.id, s.brand, s.name, s.allowed_origins, s.rate_limit_per_second, s.event_types,
                            s.enabled, k.key_prefix, s.created_at
                     FROM source s JOIN write_key k ON k.source_id = s.id AND k.revoked_at IS NULL
                     WHERE k.key_hash = ?""")) {
            query.setString(1, keyHash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Set<EventType> types = EnumSet.noneOf(EventType.class);
                Arrays.stream((String[]) row.getArray(6).getArray()).map(EventType::fromCode).forEach(types::add);
                return Optional.of(new Source(row.getObject(1, UUID.class), row.getString(2),
                        row.getString(3), List.of((String[]) row.getArray(4).getArray()), row.getInt(5), types,
                        row.getBoolean(7), row.getString(8), row.getTimestamp(9).toInstant()));
            }
        }
    }
}
