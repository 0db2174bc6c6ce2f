package io.firstparty.profile.resolution.repository;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.profile.resolution.domain.BatchGraph;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import io.firstparty.profile.resolution.domain.MergeDecision;
import io.firstparty.profile.resolution.domain.Resolution;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.firstparty.contracts.serde.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.firstparty.profile.persistence.SqlArrays.integer;
import static io.firstparty.profile.persistence.SqlArrays.longs;
import static io.firstparty.profile.persistence.SqlArrays.text;
import static io.firstparty.profile.persistence.SqlArrays.uuid;
import static io.firstparty.profile.persistence.SqlArrays.uuids;

/**
 * The identity graph's hot path: a poll of events is claimed, locked, read and written with one
 * statement per step over arrays ({@code unnest}), never one statement per event or identifier.
 * This is plain SQL on purpose: an entity per row costs more than the whole resolution of a
 * 2,000-event poll, and resolution throughput is what bounds how many events a replica can take.
 */
@ApplicationScoped
public class GraphRepository {

    private static final int STABLE_READ_ATTEMPTS = 5;

    /** Marks the poll's message ids as processed and returns the events that were not, in order, once each. */
    public List<IncomingEvent> claim(Connection connection, List<IncomingEvent> events) throws SQLException {
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO processed_event (message_id) SELECT unnest(?::text[])
                ON CONFLICT DO NOTHING RETURNING message_id""")) {
            insert.setArray(1, text(connection, events, incoming -> incoming.event().messageId()));
            try (ResultSet row = insert.executeQuery()) {
                while (row.next()) {
                    claimed.add(row.getString(1));
                }
            }
        }
        List<IncomingEvent> fresh = new ArrayList<>();
        for (IncomingEvent incoming : events) {
            if (claimed.remove(incoming.event().messageId())) {
                fresh.add(incoming);
            }
        }
        return fresh;
    }

    /**
     * Takes a transaction-scoped advisory lock per identifier, in one global order, so two replicas
     * resolving the same person from two partitions wait for each other instead of both creating a profile.
     */
    public void lock(Connection connection, Collection<Identifier> identifiers) throws SQLException {
        TreeSet<Long> keys = new TreeSet<>();
        for (Identifier identifier : identifiers) {
            keys.add(Long.parseUnsignedLong(identifier.hash().substring(0, 15), 16));
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k")) {
            lock.setArray(1, longs(connection, new ArrayList<>(keys)));
            lock.executeQuery().close();
        }
    }

    /**
     * Reads the identifiers of one identity space and their profiles, locking the profiles. A profile
     * merged by another replica between the read and the lock moves its identifiers, so the read is
     * repeated until stable.
     */
    public BatchGraph load(Connection connection, String space, Collection<Identifier> identifiers) throws SQLException {
        Map<Identifier, BatchGraph.Node> nodes = nodes(connection, space, identifiers);
        for (int attempt = 0; attempt < STABLE_READ_ATTEMPTS; attempt++) {
            Set<UUID> profiles = profilesOf(nodes);
            lockProfiles(connection, profiles);
            Map<Identifier, BatchGraph.Node> again = nodes(connection, space, identifiers);
            if (profilesOf(again).equals(profiles)) {
                return new BatchGraph(again, strongIdentifiers(connection, profiles), unmergedPairs(connection, profiles),
                        anonymousIds(connection, profiles));
            }
            nodes = again;
        }
        throw new SQLException("the identity graph kept changing under this poll", "40001");
    }

    private static Set<UUID> profilesOf(Map<Identifier, BatchGraph.Node> nodes) {
        Set<UUID> profiles = new HashSet<>();
        nodes.values().forEach(node -> profiles.add(node.profileId));
        return profiles;
    }

    private static Map<Identifier, BatchGraph.Node> nodes(Connection connection, String space,
                                                          Collection<Identifier> identifiers) throws SQLException {
        Map<Identifier, BatchGraph.Node> nodes = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT i.type, i.value, i.profile_id, i.origin_profile_id, i.status, i.conflicts
                FROM profile_identifier i
                JOIN unnest(?::text[], ?::text[]) AS k(type, value) ON i.type = k.type AND i.value = k.value
                WHERE i.space = ?""")) {
            query.setArray(1, text(connection, identifiers, identifier -> identifier.type().code()));
            query.setArray(2, text(connection, identifiers, Identifier::value));
            query.setString(3, space);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    nodes.put(new Identifier(IdentifierType.fromCode(row.getString(1)), row.getString(2)),
                            new BatchGraph.Node(row.getObject(3, UUID.class), row.getObject(4, UUID.class),
                                    row.getString(5), row.getInt(6), false));
                }
            }
        }
        return nodes;
    }

    private static void lockProfiles(Connection connection, Set<UUID> profiles) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id FROM profile WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, uuids(connection, profiles));
            lock.executeQuery().close();
        }
    }

    private static Map<UUID, Map<IdentifierType, Set<String>>> strongIdentifiers(Connection connection, Set<UUID> profiles)
            throws SQLException {
        Map<UUID, Map<IdentifierType, Set<String>>> strong = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT profile_id, type, value FROM profile_identifier
                WHERE profile_id = ANY (?) AND type <> 'anonymous_id' AND status = 'linked'""")) {
            query.setArray(1, uuids(connection, profiles));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    strong.computeIfAbsent(row.getObject(1, UUID.class), id -> new EnumMap<>(IdentifierType.class))
                            .computeIfAbsent(IdentifierType.fromCode(row.getString(2)), type -> new LinkedHashSet<>())
                            .add(row.getString(3));
                }
            }
        }
        return strong;
    }

    private static Map<UUID, Integer> anonymousIds(Connection connection, Set<UUID> profiles) throws SQLException {
        Map<UUID, Integer> counts = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT profile_id, count(*) FROM profile_identifier
                WHERE profile_id = ANY (?) AND type = 'anonymous_id' AND status = 'linked' GROUP BY profile_id""")) {
            query.setArray(1, uuids(connection, profiles));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getObject(1, UUID.class), row.getInt(2));
                }
            }
        }
        return counts;
    }

    private static Set<String> unmergedPairs(Connection connection, Set<UUID> profiles) throws SQLException {
        Set<String> pairs = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT survivor_id, absorbed_id FROM merge_log
                WHERE status = 'unmerged' AND (survivor_id = ANY (?) OR absorbed_id = ANY (?))""")) {
            query.setArray(1, uuids(connection, profiles));
            query.setArray(2, uuids(connection, profiles));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    pairs.add(BatchGraph.pair(row.getObject(1, UUID.class), row.getObject(2, UUID.class)));
                }
            }
        }
        return pairs;
    }

    /** Hashes among these that belong to erased people. */
    public Set<String> erased(Connection connection, Collection<Identifier> identifiers) throws SQLException {
        Set<String> erased = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT identifier_hash FROM erased_identifier WHERE identifier_hash = ANY (?)")) {
            query.setArray(1, text(connection, identifiers, Identifier::hash));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    erased.add(row.getString(1));
                }
            }
        }
        return erased;
    }

    /** Writes what the poll decided in one space: new profiles and identifiers, events, merges, conflicts, the log. */
    public void write(Connection connection, String space, Resolution resolution, BatchGraph graph) throws SQLException {
        insertProfiles(connection, space, resolution.newProfiles);
        insertIdentifiers(connection, space, graph);
        insertEvents(connection, resolution.placements);
        applyMerges(connection, resolution.merges(), graph);
        updateIdentifiers(connection, space, graph);
        insertDecisions(connection, resolution.decisions);
        insertRejections(connection, resolution);
    }

    private static void insertProfiles(Connection connection, String space, List<UUID> profiles) throws SQLException {
        if (profiles.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO profile (id, space) SELECT unnest(?::uuid[]), ?")) {
            insert.setArray(1, uuids(connection, profiles));
            insert.setString(2, space);
            insert.executeUpdate();
        }
    }

    private static void insertIdentifiers(Connection connection, String space, BatchGraph graph) throws SQLException {
        List<Map.Entry<Identifier, BatchGraph.Node>> fresh = graph.nodes().entrySet().stream()
                .filter(entry -> entry.getValue().fresh).toList();
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO profile_identifier (space, type, value, profile_id, origin_profile_id, status, conflicts, linked_by)
                SELECT ?, * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::text[])""")) {
            insert.setString(1, space);
            insert.setArray(2, text(connection, fresh, entry -> entry.getKey().type().code()));
            insert.setArray(3, text(connection, fresh, entry -> entry.getKey().value()));
            insert.setArray(4, uuid(connection, fresh, entry -> entry.getValue().profileId));
            insert.setArray(5, uuid(connection, fresh, entry -> entry.getValue().originProfileId));
            insert.setArray(6, text(connection, fresh, entry -> entry.getValue().status));
            insert.setArray(7, integer(connection, fresh, entry -> entry.getValue().conflicts));
            insert.setArray(8, text(connection, fresh, entry -> entry.getValue().linkedBy));
            insert.executeUpdate();
        }
    }

    private static void insertEvents(Connection connection, List<Resolution.Placement> placements) throws SQLException {
        if (placements.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO profile_event (message_id, profile_id, origin_profile_id, source_id, type, name, occurred_at, revenue,
                                           body, brand)
                SELECT * FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                     ?::numeric[], ?::jsonb[], ?::text[])
                ON CONFLICT DO NOTHING""")) {
            insert.setArray(1, text(connection, placements, placement -> placement.incoming().event().messageId()));
            insert.setArray(2, uuid(connection, placements, Resolution.Placement::profileId));
            insert.setArray(3, uuid(connection, placements, Resolution.Placement::profileId));
            insert.setArray(4, text(connection, placements, placement -> placement.incoming().event().sourceId()));
            insert.setArray(5, text(connection, placements, placement -> placement.incoming().event().type().code()));
            insert.setArray(6, text(connection, placements, GraphRepository::eventName));
            insert.setArray(7, text(connection, placements, placement -> placement.incoming().event().timestamp().toString()));
            insert.setArray(8, text(connection, placements, GraphRepository::revenue));
            insert.setArray(9, text(connection, placements, placement -> placement.incoming().json()));
            insert.setArray(10, text(connection, placements, placement -> placement.incoming().event().brand()));
            insert.executeUpdate();
        }
    }

    private static String eventName(Resolution.Placement placement) {
        var event = placement.incoming().event();
        return event.event() != null ? event.event() : event.name();
    }

    /** {@code properties.revenue}, else {@code properties.total}, as Segment's e-commerce events carry them. */
    private static String revenue(Resolution.Placement placement) {
        var properties = placement.incoming().event().properties();
        if (properties == null) {
            return null;
        }
        for (String field : new String[]{"revenue", "total"}) {
            var value = properties.get(field);
            if (value != null && value.isNumber()) {
                return value.decimalValue().toPlainString();
            }
        }
        return null;
    }

    /**
     * Folds each absorbed profile into its survivor: the absorbed profile keeps its id and points at
     * its direct survivor (the tree an unmerge walks back), while identifiers and events move to the
     * final survivor of the poll.
     */
    private static void applyMerges(Connection connection, List<MergeDecision> merges, BatchGraph graph) throws SQLException {
        if (merges.isEmpty()) {
            return;
        }
        try (PreparedStatement parent = connection.prepareStatement("""
                UPDATE profile p SET merged_into = m.survivor, updated_at = now()
                FROM unnest(?::uuid[], ?::uuid[]) AS m(absorbed, survivor) WHERE p.id = m.absorbed""")) {
            parent.setArray(1, uuid(connection, merges, MergeDecision::absorbedId));
            parent.setArray(2, uuid(connection, merges, MergeDecision::survivorId));
            parent.executeUpdate();
        }
        for (String table : new String[]{"profile_identifier", "profile_event"}) {
            try (PreparedStatement move = connection.prepareStatement("UPDATE " + table + """
                     t SET profile_id = m.root
                    FROM unnest(?::uuid[], ?::uuid[]) AS m(absorbed, root) WHERE t.profile_id = m.absorbed""")) {
                move.setArray(1, uuid(connection, merges, MergeDecision::absorbedId));
                move.setArray(2, uuid(connection, merges, merge -> graph.root(merge.absorbedId())));
                move.executeUpdate();
            }
        }
    }

    /** Conflict counts of known identifiers, and the ones that became shared with their own profile. */
    private static void updateIdentifiers(Connection connection, String space, BatchGraph graph) throws SQLException {
        List<Map.Entry<Identifier, BatchGraph.Node>> changed = graph.nodes().entrySet().stream()
                .filter(entry -> !entry.getValue().fresh && entry.getValue().changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE profile_identifier i SET conflicts = u.conflicts, status = u.status,
                    profile_id = CASE WHEN u.status = 'linked' THEN i.profile_id ELSE u.profile_id END,
                    origin_profile_id = CASE WHEN u.status = 'linked' THEN i.origin_profile_id ELSE u.profile_id END
                FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::uuid[]) AS u(type, value, conflicts, status, profile_id)
                WHERE i.space = ? AND i.type = u.type AND i.value = u.value""")) {
            update.setArray(1, text(connection, changed, entry -> entry.getKey().type().code()));
            update.setArray(2, text(connection, changed, entry -> entry.getKey().value()));
            update.setArray(3, integer(connection, changed, entry -> entry.getValue().conflicts));
            update.setArray(4, text(connection, changed, entry -> entry.getValue().status));
            update.setArray(5, uuid(connection, changed, entry -> entry.getValue().profileId));
            update.setString(6, space);
            update.executeUpdate();
        }
    }

    private static void insertDecisions(Connection connection, List<MergeDecision> decisions) throws SQLException {
        if (decisions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO merge_log (id, survivor_id, absorbed_id, status, rule, reason, message_id, identifier_keys, decided_at)
                SELECT d.id, d.survivor, d.absorbed, d.status, d.rule, d.reason, d.message_id, d.keys::jsonb,
                       CASE WHEN d.status = 'pending-review' THEN NULL ELSE now() END
                FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS d(id, survivor, absorbed, status, rule, reason, message_id, keys)""")) {
            insert.setArray(1, uuid(connection, decisions, MergeDecision::id));
            insert.setArray(2, uuid(connection, decisions, MergeDecision::survivorId));
            insert.setArray(3, uuid(connection, decisions, MergeDecision::absorbedId));
            insert.setArray(4, text(connection, decisions, MergeDecision::status));
            insert.setArray(5, text(connection, decisions, MergeDecision::rule));
            insert.setArray(6, text(connection, decisions, MergeDecision::reason));
            insert.setArray(7, text(connection, decisions, MergeDecision::messageId));
            insert.setArray(8, text(connection, decisions, decision -> jsonArray(decision.identifierKeys())));
            insert.executeUpdate();
        }
    }

    private static String jsonArray(List<String> values) {
        try {
            return ContractJson.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static void insertRejections(Connection connection, Resolution resolution) throws SQLException {
        if (resolution.rejections.isEmpty()) {
            return;
        }
        var rejections = resolution.rejections;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO identifier_rejection (message_id, identifier_type, reason)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[])""")) {
            insert.setArray(1, text(connection, rejections, rejection -> rejection.messageId()));
            insert.setArray(2, text(connection, rejections, rejection -> rejection.identifierType()));
            insert.setArray(3, text(connection, rejections, rejection -> rejection.reason()));
            insert.executeUpdate();
        }
    }

    /** Admin ranks of sources for trait conflicts. */
    public Map<String, Integer> sourceRanks(Connection connection) throws SQLException {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT source_id, rank FROM source_rank");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                ranks.put(row.getString(1), row.getInt(2));
            }
        }
        return ranks;
    }
}
