package io.firstparty.segment.history.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.segment.history.domain.Erasure;
import io.firstparty.segment.rules.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event history the rules read, keyed by profile, and the profiles with their traits. Every
 * statement names profile_id in its keys, so it runs unchanged on Citus sharded by profile. Plain
 * JDBC batches here: this is the stream's hot path (thousands of events a second).
 */
@ApplicationScoped
public class HistoryRepository {

    private static final String UPSERT_EVENT = """
            INSERT INTO segment_event (profile_id, message_id, type, name, occurred_at, properties, context, traits, brand)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?)
            ON CONFLICT (profile_id, message_id) DO UPDATE SET type = excluded.type, name = excluded.name,
                occurred_at = excluded.occurred_at, properties = excluded.properties, context = excluded.context,
                traits = excluded.traits, brand = excluded.brand""";

    private final DataSource dataSource;

    HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores each event under its profile; an event already held by another profile (re-published
     * after an unmerge) moves. Returns every profile whose history changed, previous holders included.
     */
    public Set<String> store(List<IdentityResolved> records) throws SQLException {
        Map<String, IdentityResolved> byMessage = new LinkedHashMap<>();
        for (IdentityResolved record : records) {
            if (record.event() != null && record.event().timestamp() != null) {
                byMessage.put(record.messageId(), record);
            }
        }
        Set<String> touched = new LinkedHashSet<>();
        if (byMessage.isEmpty()) {
            return touched;
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<String, String> holders = holders(connection, byMessage.keySet());
            Set<String> profiles = new HashSet<>();
            try (PreparedStatement moveOut = connection.prepareStatement(
                    "DELETE FROM segment_event WHERE profile_id = ? AND message_id = ?");
                 PreparedStatement upsert = connection.prepareStatement(UPSERT_EVENT);
                 PreparedStatement owner = connection.prepareStatement("""
                         INSERT INTO segment_event_owner (message_id, profile_id) VALUES (?, ?)
                         ON CONFLICT (message_id) DO UPDATE SET profile_id = excluded.profile_id""");
                 PreparedStatement profile = connection.prepareStatement(
                         "INSERT INTO segment_profile (profile_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                for (IdentityResolved record : byMessage.values()) {
                    String previous = holders.get(record.messageId());
                    if (previous != null && !previous.equals(record.profileId())) {
                        moveOut.setString(1, previous);
                        moveOut.setString(2, record.messageId());
                        moveOut.addBatch();
                        touched.add(previous);
                    }
                    bindEvent(upsert, record);
                    upsert.addBatch();
                    owner.setString(1, record.messageId());
                    owner.setString(2, record.profileId());
                    owner.addBatch();
                    touched.add(record.profileId());
                    if (profiles.add(record.profileId())) {
                        profile.setString(1, record.profileId());
                        profile.addBatch();
                    }
                }
                moveOut.executeBatch();
                upsert.executeBatch();
                owner.executeBatch();
                profile.executeBatch();
            }
        }
        return touched;
    }

    private static Map<String, String> holders(Connection connection, Set<String> messageIds) throws SQLException {
        Map<String, String> holders = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT message_id, profile_id FROM segment_event_owner WHERE message_id = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("text", messageIds.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    holders.put(row.getString(1), row.getString(2));
                }
            }
        }
        return holders;
    }

    private static void bindEvent(PreparedStatement statement, IdentityResolved record) throws SQLException {
        EventAccepted event = record.event();
        statement.setString(1, record.profileId());
        statement.setString(2, record.messageId());
        statement.setString(3, event.type() == null ? EventType.TRACK.code() : event.type().code());
        statement.setString(4, event.type() == EventType.TRACK ? event.event() : event.name());
        statement.setObject(5, event.timestamp().atOffset(ZoneOffset.UTC));
        statement.setString(6, json(event.properties()));
        statement.setString(7, json(event.context()));
        statement.setString(8, json(event.traits()));
        statement.setString(9, event.brand());
    }

    private static String json(JsonNode node) throws SQLException {
        return node == null || node.isNull() ? null : JsonColumn.write(node);
    }

    /** Folds the absorbed profile's history and traits into the survivor (the survivor's own traits win). */
    public void merge(String survivor, String absorbed) throws SQLException {
        execute(new Sql().append("WITH moved AS (DELETE FROM segment_event WHERE profile_id = ").param(absorbed)
                .append(" RETURNING *), copied AS (INSERT INTO segment_event (profile_id, message_id, type, name,")
                .append(" occurred_at, properties, context, traits, brand) SELECT ").param(survivor)
                .append(", message_id, type, name, occurred_at, properties, context, traits, brand FROM moved")
                .append(" ON CONFLICT (profile_id, message_id) DO NOTHING)")
                .append(" UPDATE segment_event_owner o SET profile_id = ").param(survivor)
                .append(" FROM moved WHERE o.message_id = moved.message_id"));
        execute(new Sql().append("WITH gone AS (DELETE FROM segment_profile WHERE profile_id = ").param(absorbed)
                .append(" RETURNING traits) INSERT INTO segment_profile (profile_id, traits) SELECT ").param(survivor)
                .append(", traits FROM gone ON CONFLICT (profile_id)")
                .append(" DO UPDATE SET traits = excluded.traits || segment_profile.traits"));
    }

    /** Applies new trait values; a JSON null removes the trait. */
    public void applyTraits(String profileId, Map<String, JsonNode> traits) throws SQLException {
        String changes = JsonColumn.write(traits);
        execute(new Sql().append("INSERT INTO segment_profile (profile_id, traits) VALUES (").param(profileId)
                .append(", jsonb_strip_nulls(").param(changes, "jsonb").append(")) ON CONFLICT (profile_id)")
                .append(" DO UPDATE SET traits = jsonb_strip_nulls(segment_profile.traits || ").param(changes, "jsonb")
                .append(")"));
    }

    /**
     * Deletes the profile's history, traits, consent replica and membership log; returns how many rows
     * went. The memberships themselves are closed by the caller, so that their exits are logged anew.
     */
    public long erase(String profileId) throws SQLException {
        long erased = execute(new Sql().append("WITH gone AS (DELETE FROM segment_event WHERE profile_id = ").param(profileId)
                .append(" RETURNING message_id) DELETE FROM segment_event_owner o USING gone WHERE o.message_id = gone.message_id"));
        for (String table : List.of("segment_profile", "segment_membership_change", "consent_state")) {
            erased += execute(new Sql().append("DELETE FROM " + table + " WHERE profile_id = ").param(profileId));
        }
        return erased;
    }

    /** The report of an erasure already carried out, for a redelivered request. */
    public Optional<Erasure> erasure(String requestId) throws SQLException {
        return new Sql().append("SELECT profile_id, items_erased, completed_at FROM segment_erasure WHERE request_id = ")
                .param(requestId).list(dataSource, row -> new Erasure(requestId, row.getString(1), row.getLong(2),
                        row.getTimestamp(3).toInstant())).stream().findFirst();
    }

    public void recordErasure(Erasure erasure) throws SQLException {
        execute(new Sql().append("INSERT INTO segment_erasure (request_id, profile_id, items_erased, completed_at) VALUES (")
                .param(erasure.requestId()).append(", ").param(erasure.profileId()).append(", ")
                .param(erasure.itemsErased()).append(", ").param(erasure.completedAt(), "timestamptz")
                .append(") ON CONFLICT (request_id) DO NOTHING"));
    }

    private long execute(Sql sql) throws SQLException {
        return sql.update(dataSource);
    }
}
