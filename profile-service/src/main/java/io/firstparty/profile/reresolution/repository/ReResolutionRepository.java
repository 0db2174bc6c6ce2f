package io.firstparty.profile.reresolution.repository;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a re-resolution job reads and moves in the graph, and how a replica claims the job. */
@ApplicationScoped
public class ReResolutionRepository {

    /**
     * Takes the running job's lease for {@code holder} if it is free, lapsed or already the holder's.
     * {@code SKIP LOCKED} lets a replica pass over a job another replica is in the middle of.
     */
    public Optional<UUID> claim(Connection connection, String holder, Duration lease) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement("""
                UPDATE resolution_job SET lease_holder = ?, lease_until = now() + make_interval(secs => ?),
                    started_at = COALESCE(started_at, now()), updated_at = now()
                WHERE id = (SELECT id FROM resolution_job
                            WHERE status = 'running' AND (lease_holder = ? OR lease_until IS NULL OR lease_until < now())
                            ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""")) {
            claim.setString(1, holder);
            claim.setDouble(2, lease.toMillis() / 1000.0);
            claim.setString(3, holder);
            try (ResultSet row = claim.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Profiles that are not merged into another, after {@code position} in id order. */
    public List<UUID> rootsAfter(Connection connection, UUID position, int limit) throws SQLException {
        List<UUID> roots = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT id FROM profile WHERE merged_into IS NULL AND (?::uuid IS NULL OR id > ?::uuid)
                ORDER BY id LIMIT ?""")) {
            query.setObject(1, position);
            query.setObject(2, position);
            query.setInt(3, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    roots.add(row.getObject(1, UUID.class));
                }
            }
        }
        return roots;
    }

    /** The space of a profile that is still a root, or empty when it was merged away meanwhile. */
    public Optional<String> spaceOfRoot(Connection connection, UUID profile) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT space FROM profile WHERE id = ? AND merged_into IS NULL")) {
            query.setObject(1, profile);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Identifiers that link people to the profile, in its space. */
    public List<Identifier> linkedIdentifiers(Connection connection, UUID profile, String space) throws SQLException {
        List<Identifier> identifiers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT type, value FROM profile_identifier WHERE profile_id = ? AND space = ? AND status = 'linked'
                ORDER BY first_seen_at, type, value""")) {
            query.setObject(1, profile);
            query.setString(2, space);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    identifiers.add(new Identifier(IdentifierType.fromCode(row.getString(1)), row.getString(2)));
                }
            }
        }
        return identifiers;
    }

    /**
     * Moves a profile, its merge tree and its identifiers from one space into another. An identifier
     * the target space already holds stays with the profile holding it there (the caller then decides
     * whether the two profiles merge); its conflict count carries over, so a value shared in one
     * brand stays shared in the joined space.
     */
    public void move(Connection connection, UUID profile, String from, String to) throws SQLException {
        try (PreparedStatement conflicts = connection.prepareStatement("""
                UPDATE profile_identifier t SET conflicts = GREATEST(t.conflicts, o.conflicts)
                FROM profile_identifier o
                WHERE o.profile_id = ? AND o.space = ? AND t.space = ? AND t.type = o.type AND t.value = o.value""");
             PreparedStatement dropHeld = connection.prepareStatement("""
                DELETE FROM profile_identifier o WHERE o.profile_id = ? AND o.space = ? AND EXISTS (
                    SELECT 1 FROM profile_identifier t WHERE t.space = ? AND t.type = o.type AND t.value = o.value)""");
             PreparedStatement rekey = connection.prepareStatement(
                     "UPDATE profile_identifier SET space = ? WHERE profile_id = ? AND space = ?");
             PreparedStatement tree = connection.prepareStatement("""
                WITH RECURSIVE tree AS (
                    SELECT id FROM profile WHERE id = ?
                    UNION SELECT p.id FROM profile p JOIN tree ON p.merged_into = tree.id)
                UPDATE profile SET space = ?, updated_at = now() WHERE id IN (SELECT id FROM tree)""")) {
            for (PreparedStatement statement : List.of(conflicts, dropHeld)) {
                statement.setObject(1, profile);
                statement.setString(2, from);
                statement.setString(3, to);
                statement.executeUpdate();
            }
            rekey.setString(1, to);
            rekey.setObject(2, profile);
            rekey.setString(3, from);
            rekey.executeUpdate();
            tree.setObject(1, profile);
            tree.setString(2, to);
            tree.executeUpdate();
        }
    }
}
