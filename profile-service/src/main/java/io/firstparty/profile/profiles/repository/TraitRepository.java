package io.firstparty.profile.profiles.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.profile.profiles.domain.TraitCandidate;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static io.firstparty.profile.persistence.SqlArrays.integer;
import static io.firstparty.profile.persistence.SqlArrays.text;
import static io.firstparty.profile.persistence.SqlArrays.uuid;
import static io.firstparty.profile.persistence.SqlArrays.uuids;

/**
 * Trait values with provenance. Conflicts follow one rule everywhere: a higher-ranked source wins,
 * then the later event. Plain SQL over arrays, since it runs for every poll of the resolution path.
 */
@ApplicationScoped
public class TraitRepository {

    /**
     * Offers one candidate per profile and trait name; keeps those that win.
     *
     * @return the candidates that changed a trait
     */
    public List<TraitCandidate> offer(Connection connection, Collection<TraitCandidate> candidates) throws SQLException {
        List<TraitCandidate> changed = new ArrayList<>();
        if (candidates.isEmpty()) {
            return changed;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO profile_trait AS t (profile_id, name, value, source_id, message_id, updated_at, source_rank)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::jsonb[], ?::text[], ?::text[], ?::timestamptz[], ?::int[])
                ON CONFLICT (profile_id, name) DO UPDATE SET value = EXCLUDED.value, source_id = EXCLUDED.source_id,
                    message_id = EXCLUDED.message_id, updated_at = EXCLUDED.updated_at, source_rank = EXCLUDED.source_rank
                WHERE (EXCLUDED.source_rank, EXCLUDED.updated_at) > (t.source_rank, t.updated_at)
                  AND EXCLUDED.value IS DISTINCT FROM t.value
                RETURNING profile_id, name, value::text, source_id, message_id, updated_at, source_rank""")) {
            upsert.setArray(1, uuid(connection, candidates, TraitCandidate::profileId));
            upsert.setArray(2, text(connection, candidates, TraitCandidate::name));
            upsert.setArray(3, text(connection, candidates, candidate -> candidate.value().toString()));
            upsert.setArray(4, text(connection, candidates, TraitCandidate::sourceId));
            upsert.setArray(5, text(connection, candidates, TraitCandidate::messageId));
            upsert.setArray(6, text(connection, candidates, candidate -> candidate.occurredAt().toString()));
            upsert.setArray(7, integer(connection, candidates, TraitCandidate::sourceRank));
            try (ResultSet row = upsert.executeQuery()) {
                while (row.next()) {
                    changed.add(new TraitCandidate(row.getObject(1, UUID.class), row.getString(2),
                            JsonColumn.read(row.getString(3), JsonNode.class), row.getString(4), row.getString(5),
                            row.getTimestamp(6).toInstant(), row.getInt(7)));
                }
            }
        }
        return changed;
    }

    /**
     * Rebuilds the traits of these profiles from the events they hold, by the same rule: after a merge
     * or an unmerge, each side's traits are what its own events said.
     */
    public void rebuild(Connection connection, Collection<UUID> profiles) throws SQLException {
        if (profiles.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM profile_trait WHERE profile_id = ANY (?)")) {
            delete.setArray(1, uuids(connection, profiles));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO profile_trait (profile_id, name, value, source_id, message_id, updated_at, source_rank)
                SELECT DISTINCT ON (e.profile_id, t.key)
                       e.profile_id, t.key, t.value, e.source_id, e.message_id, e.occurred_at, COALESCE(r.rank, 0)
                FROM profile_event e
                LEFT JOIN source_rank r ON r.source_id = e.source_id
                CROSS JOIN LATERAL jsonb_each(
                    (CASE WHEN jsonb_typeof(e.body -> 'context' -> 'traits') = 'object' THEN e.body -> 'context' -> 'traits' ELSE '{}' END)
                    || (CASE WHEN jsonb_typeof(e.body -> 'traits') = 'object' THEN e.body -> 'traits' ELSE '{}' END)) AS t
                WHERE e.profile_id = ANY (?)
                ORDER BY e.profile_id, t.key, COALESCE(r.rank, 0) DESC, e.occurred_at DESC, e.message_id DESC""")) {
            insert.setArray(1, uuids(connection, profiles));
            insert.executeUpdate();
        }
    }
}
