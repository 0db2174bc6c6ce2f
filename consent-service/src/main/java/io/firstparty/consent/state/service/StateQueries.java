package io.firstparty.consent.state.service;

import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.kit.persistence.Queries;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The consent check's one query, in plain SQL: it answers for up to 10,000 profile ids in a single
 * round trip (following merges), which entity loading cannot do within the check's time budget.
 */
@ApplicationScoped
public class StateQueries {

    private static final String STANDING = """
            SELECT asked.id, COALESCE(link.survivor_id, asked.id) AS person, known.profile_id IS NOT NULL AS known,
                   state.status, state.status_since, state.expires_at, state.record_id
            FROM unnest(?::text[]) AS asked(id)
            LEFT JOIN profile_link link ON link.absorbed_id = asked.id
            LEFT JOIN person known ON known.profile_id = COALESCE(link.survivor_id, asked.id)
            LEFT JOIN consent_state state ON state.profile_id = COALESCE(link.survivor_id, asked.id)
                                         AND state.purpose_code = ?""";

    private final DataSource dataSource;

    StateQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A person's standing on one purpose, as stored; {@code status} is null without a decision. */
    public record Standing(String asked, String person, boolean known, ConsentStatus status, Instant statusSince,
                           Instant expiresAt, UUID recordId) {
    }

    public List<Standing> standing(String purpose, List<String> profileIds) throws SQLException {
        return Queries.list(dataSource, STANDING, row -> new Standing(row.getString(1), row.getString(2),
                row.getBoolean(3), status(row.getString(4)), instant(row.getTimestamp(5)),
                instant(row.getTimestamp(6)), row.getObject(7, UUID.class)),
                profileIds.toArray(String[]::new), purpose);
    }

    private static ConsentStatus status(String code) {
        return code == null ? null : ConsentStatus.valueOf(code.toUpperCase(Locale.ROOT));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
