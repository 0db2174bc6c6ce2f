package io.firstparty.profile.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.profile.domain.Profile;
import io.firstparty.profile.domain.Trait;
import io.firstparty.kit.persistence.JsonColumn;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProfileRepository {

    private final DataSource dataSource;

    ProfileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<UUID> findIdByIdentifier(Identifier identifier) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT profile_id FROM profile_identifier WHERE type = ? AND value = ?")) {
            query.setString(1, identifier.type().code());
            query.setString(2, identifier.value());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    public Optional<Profile> findById(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT created_at, updated_at FROM profile WHERE id = ?")) {
                query.setObject(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Profile(id, identifiers(connection, id), traits(connection, id),
                            row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant()));
                }
            }
        }
    }

    private static List<Identifier> identifiers(Connection connection, UUID id) throws SQLException {
        List<Identifier> identifiers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT type, value FROM profile_identifier WHERE profile_id = ? ORDER BY first_seen_at, type")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    identifiers.add(new Identifier(IdentifierType.fromCode(row.getString(1)), row.getString(2)));
                }
            }
        }
        return identifiers;
    }

    private static Map<String, Trait> traits(Connection connection, UUID id) throws SQLException {
        Map<String, Trait> traits = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, value::text, source_id, message_id, updated_at FROM profile_trait WHERE profile_id = ? ORDER BY name")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    traits.put(row.getString(1), new Trait(JsonColumn.read(row.getString(2), JsonNode.class),
                            row.getString(3), row.getString(4),
                            row.getTimestamp(5).toInstant()));
                }
            }
        }
        return traits;
    }
}
