package io.firstparty.segment.datasets.repository;

import io.firstparty.contracts.topics.Topics;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.datasets.domain.EventFilter;
import io.firstparty.segment.datasets.domain.LedgerPosition;
import io.firstparty.segment.rules.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a dataset export in one database snapshot: the replica's ledger position, who is included
 * or left out and why, and the events of those included all come from the same instant, so the
 * manifest's counts are exactly what the file holds. Whether a person is included is decided by
 * {@link ConsentRepository#allows}, the one definition every audience path uses.
 */
@ApplicationScoped
public class DatasetRepository {

    /** Why a person with matching events was left out; {@code included} for the others. */
    public static final String INCLUDED = "included";
    private static final int FETCH = 1_000;

    private final DataSource dataSource;

    DatasetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One stored event, its JSON columns as text. */
    public record EventRow(String profileId, String messageId, String type, String name, Instant occurredAt,
                           String brand, String properties, String context, String traits) {
    }

    /** Receives the snapshot's ledger position and verdict counts first, then every included event in order. */
    public interface Reader {
        void snapshot(LedgerPosition ledger, Map<String, Long> verdicts) throws IOException;

        void event(EventRow row) throws IOException;
    }

    public void read(EventFilter filter, String purpose, Reader reader) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                // The first statement takes the snapshot: the positions are those of the states read after.
                LedgerPosition ledger = new LedgerPosition(Topics.CONSENT_CHANGES, positions(connection));
                reader.snapshot(ledger, verdicts(connection, filter, purpose));
                Sql events = new Sql().append("SELECT e.profile_id, e.message_id, e.type, e.name, e.occurred_at, e.brand,")
                        .append(" CAST(e.properties AS text), CAST(e.context AS text), CAST(e.traits AS text)")
                        .append(" FROM segment_event e WHERE ").append(matches(filter)).append(" AND ")
                        .append(ConsentRepository.allows("e.profile_id", purpose))
                        .append(" ORDER BY e.profile_id, e.occurred_at, e.message_id");
                try (PreparedStatement statement = events.prepare(connection)) {
                    statement.setFetchSize(FETCH);
                    try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                            reader.event(new EventRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                    row.getTimestamp(5).toInstant(), row.getString(6), row.getString(7), row.getString(8),
                                    row.getString(9)));
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static Map<Integer, Long> positions(Connection connection) throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT topic_partition, next_offset FROM consent_replica_position");
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                positions.put(row.getInt(1), row.getLong(2));
            }
        }
        return positions;
    }

    /** How many people with matching events are included, and how many are left out for each reason. */
    private static Map<String, Long> verdicts(Connection connection, EventFilter filter, String purpose) throws SQLException {
        Sql sql = new Sql().append("WITH people AS (SELECT DISTINCT e.profile_id FROM segment_event e WHERE ")
                .append(matches(filter)).append(") SELECT CASE WHEN ").append(ConsentRepository.allows("p.profile_id", purpose))
                .append(" THEN '" + INCLUDED + "'")
                .append(" WHEN pu.code IS NULL THEN 'unknownPurpose'")
                .append(" WHEN pu.processing_starts_at > now() THEN 'noticePeriodNotOver'")
                .append(" WHEN c.status = 'objected' THEN 'objected'")
                .append(" WHEN c.status IS NULL THEN 'noConsentState'")
                .append(" WHEN c.status = 'withdrawn' THEN 'withdrew'")
                .append(" WHEN c.status = 'granted' THEN 'expired'")
                .append(" ELSE c.status END AS verdict, count(*)")
                .append(" FROM people p LEFT JOIN consent_purpose pu ON pu.code = ").param(purpose)
                .append(" LEFT JOIN consent_state c ON c.profile_id = p.profile_id AND c.purpose = ").param(purpose)
                .append(" GROUP BY 1");
        Map<String, Long> verdicts = new LinkedHashMap<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                verdicts.put(row.getString(1), row.getLong(2));
            }
        }
        return verdicts;
    }

    private static Sql matches(EventFilter filter) {
        Sql sql = new Sql().append("TRUE");
        if (!filter.types().isEmpty()) {
            sql.append(" AND e.type = ANY(").param(filter.types().toArray(String[]::new)).append(")");
        }
        if (!filter.names().isEmpty()) {
            sql.append(" AND e.name = ANY(").param(filter.names().toArray(String[]::new)).append(")");
        }
        if (filter.from() != null) {
            sql.append(" AND e.occurred_at >= ").param(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND e.occurred_at < ").param(filter.to());
        }
        if (filter.brand() != null) {
            sql.append(" AND e.brand = ").param(filter.brand());
        }
        return sql;
    }
}
