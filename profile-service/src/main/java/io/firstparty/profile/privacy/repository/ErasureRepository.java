package io.firstparty.profile.privacy.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static io.firstparty.profile.persistence.SqlArrays.uuids;

/** Deletes everything held about the profiles of one person's merge tree, and remembers what was erased. */
@ApplicationScoped
public class ErasureRepository {

    private final DataSource dataSource;

    ErasureRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean alreadyAnswered(String requestId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM erasure_request WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * @param tree the profile and every profile folded into it
     * @return rows deleted (events, traits, identifiers, profiles) and merge log entries cleared
     */
    public long erase(Collection<UUID> tree, List<String> identifierHashes) throws SQLException {
        long items = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (String sql : List.of(
                    "DELETE FROM profile_event WHERE profile_id = ANY (?)",
                    "DELETE FROM profile_trait WHERE profile_id = ANY (?)",
                    "DELETE FROM profile_identifier WHERE profile_id = ANY (?) OR origin_profile_id = ANY (?)",
                    // The log keeps that a merge happened, not who it was about.
                    "UPDATE merge_log SET identifier_keys = '[]', message_id = NULL WHERE survivor_id = ANY (?) OR absorbed_id = ANY (?)",
                    "UPDATE profile SET merged_into = NULL WHERE id = ANY (?)",
                    "DELETE FROM profile WHERE id = ANY (?)")) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                        statement.setArray(i, uuids(connection, tree));
                    }
                    int count = statement.executeUpdate();
                    items += sql.startsWith("UPDATE profile SET") ? 0 : count;
                }
            }
            try (PreparedStatement tombstones = connection.prepareStatement(
                    "INSERT INTO erased_identifier (identifier_hash) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")) {
                tombstones.setArray(1, connection.createArrayOf("text", identifierHashes.toArray(String[]::new)));
                tombstones.executeUpdate();
            }
        }
        return items;
    }

    public void answered(String requestId, String outcome) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO erasure_request (request_id, outcome) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, requestId);
            insert.setString(2, outcome);
            insert.executeUpdate();
        }
    }
}
