package io.firstparty.segment.access.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the segment service holds about a set of profiles, read for an access request. */
@ApplicationScoped
public class AccessRepository {

    /** A segment the person is in now. */
    public record Membership(String profileId, UUID segmentId, String segment, int ruleVersion, Instant since) {
    }

    /** One entry or exit, with its cause and rule version. */
    public record Change(String profileId, UUID segmentId, String segment, String change, int ruleVersion, String cause,
                         Instant occurredAt) {
    }

    /** @param traits the latest traits the service keeps to evaluate rules, as JSON text; null when none */
    public record Held(List<Membership> memberships, List<Change> history, List<String> traits, long events) {
    }

    private final DataSource dataSource;

    AccessRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Held of(List<String> profileIds) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String[] ids = profileIds.toArray(String[]::new);
            List<Membership> memberships = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT m.profile_id, m.segment_id, s.name, m.rule_version, m.since
                    FROM segment_membership m LEFT JOIN segment s ON s.id = m.segment_id
                    WHERE m.profile_id = ANY (?) ORDER BY m.since, m.segment_id""")) {
                query.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        memberships.add(new Membership(row.getString(1), row.getObject(2, UUID.class), row.getString(3),
                                row.getInt(4), row.getTimestamp(5).toInstant()));
                    }
                }
            }
            List<Change> history = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT c.profile_id, c.segment_id, s.name, c.change, c.rule_version, c.cause, c.occurred_at
                    FROM segment_membership_change c LEFT JOIN segment s ON s.id = c.segment_id
                    WHERE c.profile_id = ANY (?) ORDER BY c.occurred_at, c.id""")) {
                query.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        history.add(new Change(row.getString(1), row.getObject(2, UUID.class), row.getString(3),
                                row.getString(4), row.getInt(5), row.getString(6), row.getTimestamp(7).toInstant()));
                    }
                }
            }
            List<String> traits = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT traits::text FROM segment_profile WHERE profile_id = ANY (?) ORDER BY profile_id")) {
                query.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        traits.add(row.getString(1));
                    }
                }
            }
            long events;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT count(*) FROM segment_event WHERE profile_id = ANY (?)")) {
                query.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    events = row.getLong(1);
                }
            }
            return new Held(memberships, history, traits, events);
        }
    }
}
