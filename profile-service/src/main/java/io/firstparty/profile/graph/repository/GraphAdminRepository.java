package io.firstparty.profile.graph.repository;

import io.firstparty.kit.persistence.Queries;
import io.firstparty.profile.graph.domain.DeadLetter;
import io.firstparty.profile.graph.domain.RejectedIdentifier;
import io.firstparty.profile.graph.domain.SharedIdentifier;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;

/** What resolution set aside, for the admin views: shared values, rejected identifiers, dead letters. */
@ApplicationScoped
public class GraphAdminRepository {

    private final DataSource dataSource;

    GraphAdminRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<SharedIdentifier> shared(int limit) throws SQLException {
        return Queries.list(dataSource, """
                SELECT type, value, conflicts, first_seen_at FROM profile_identifier
                WHERE status = 'shared' ORDER BY conflicts DESC, type, value LIMIT ?""",
                row -> new SharedIdentifier(row.getString(1), row.getString(2), row.getInt(3),
                        row.getTimestamp(4).toInstant()), limit);
    }

    public List<RejectedIdentifier> rejections(int limit) throws SQLException {
        return Queries.list(dataSource, """
                SELECT message_id, identifier_type, reason, created_at FROM identifier_rejection
                ORDER BY created_at DESC, id DESC LIMIT ?""",
                row -> new RejectedIdentifier(row.getString(1), row.getString(2), row.getString(3),
                        row.getTimestamp(4).toInstant()), limit);
    }

    public List<DeadLetter> deadLetters(int limit) throws SQLException {
        return Queries.list(dataSource, """
                SELECT id, topic, partition, record_offset, reason, created_at FROM dead_letter
                ORDER BY id DESC LIMIT ?""",
                row -> new DeadLetter(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4),
                        row.getString(5), row.getTimestamp(6).toInstant()), limit);
    }
}
