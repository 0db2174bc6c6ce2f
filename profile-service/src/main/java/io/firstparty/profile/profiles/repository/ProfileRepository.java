package io.firstparty.profile.profiles.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.kit.persistence.Queries;
import io.firstparty.profile.profiles.domain.ComputedTraits;
import io.firstparty.profile.profiles.domain.TimelineCursor;
import io.firstparty.profile.profiles.domain.TimelineEvent;
import io.firstparty.profile.profiles.domain.Trait;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of a profile's traits and events (rows, not entities: they are read-only views). */
@ApplicationScoped
public class ProfileRepository {

    private final DataSource dataSource;

    ProfileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A profile's own row: its identity space, when it was made and when it last changed. */
    public record ProfileRow(UUID id, String space, Instant createdAt, Instant updatedAt) {
    }

    /**
     * The profile a (possibly merged-away) id lives on now, following the merge chain in one statement
     * (the lookups' hot path, as {@link #holders}).
     */
    public Optional<ProfileRow> survivor(UUID id) throws SQLException {
        return Queries.list(dataSource, """
                WITH RECURSIVE chain (id, merged_into, depth) AS (
                    SELECT id, merged_into, 0 FROM profile WHERE id = ?
                    UNION ALL
                    SELECT p.id, p.merged_into, c.depth + 1 FROM profile p JOIN chain c ON p.id = c.merged_into
                    WHERE c.depth < 1000)
                SELECT p.id, p.space, p.created_at, p.updated_at FROM chain c JOIN profile p ON p.id = c.id
                WHERE c.merged_into IS NULL""",
                row -> new ProfileRow(row.getObject(1, UUID.class), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getTimestamp(4).toInstant()), id).stream().findFirst();
    }

    /** An identity space that knows an identifier, and the profile the identifier points at there. */
    public record Holder(String space, UUID profileId) {
    }

    /**
     * The spaces that know the identifier ({@code space} null: every one), in space order. Rows, not
     * entities: the lookup by identifier is a measured hot path, and an HQL list with its persistence
     * context cost a third of its CPU.
     */
    public List<Holder> holders(Identifier identifier, String space) throws SQLException {
        return Queries.list(dataSource, """
                SELECT space, profile_id FROM profile_identifier
                WHERE type = ? AND value = ? AND (space = ? OR ?::text IS NULL) ORDER BY space""",
                row -> new Holder(row.getString(1), row.getObject(2, UUID.class)),
                identifier.type().code(), identifier.value(), space, space);
    }

    /** The identifiers that link to the profile, in the order they joined it. */
    public List<Identifier> linkedIdentifiers(UUID id) throws SQLException {
        return Queries.list(dataSource, """
                SELECT type, value FROM profile_identifier WHERE profile_id = ? AND status = 'linked'
                ORDER BY first_seen_at, type, value""",
                row -> new Identifier(IdentifierType.fromCode(row.getString(1)), row.getString(2)), id);
    }

    public Map<String, Trait> traits(UUID id) throws SQLException {
        Map<String, Trait> traits = new LinkedHashMap<>();
        for (Map.Entry<String, Trait> trait : Queries.list(dataSource, """
                SELECT name, value::text, source_id, message_id, updated_at FROM profile_trait
                WHERE profile_id = ? ORDER BY name""", row -> Map.entry(row.getString(1), new Trait(
                JsonColumn.read(row.getString(2), JsonNode.class), row.getString(3), row.getString(4),
                row.getTimestamp(5).toInstant())), id)) {
            traits.put(trait.getKey(), trait.getValue());
        }
        return traits;
    }

    public ComputedTraits computed(UUID id) throws SQLException {
        record PerType(String type, long count, Instant first, Instant last, BigDecimal revenue) {
        }
        List<PerType> rows = Queries.list(dataSource, """
                SELECT type, count(*), min(occurred_at), max(occurred_at), sum(revenue) FROM profile_event
                WHERE profile_id = ? GROUP BY type ORDER BY type""",
                row -> new PerType(row.getString(1), row.getLong(2), row.getTimestamp(3).toInstant(),
                        row.getTimestamp(4).toInstant(), row.getBigDecimal(5)), id);
        Map<String, Long> counts = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        BigDecimal revenue = BigDecimal.ZERO;
        for (PerType row : rows) {
            counts.put(row.type(), row.count());
            first = first == null || row.first().isBefore(first) ? row.first() : first;
            last = last == null || row.last().isAfter(last) ? row.last() : last;
            revenue = row.revenue() == null ? revenue : revenue.add(row.revenue());
        }
        return new ComputedTraits(first, last, counts, revenue);
    }

    /** Newest first, from just after the cursor. */
    public List<TimelineEvent> events(UUID id, TimelineCursor after, int limit) throws SQLException {
        String sql = """
                SELECT message_id, type, name, source_id, occurred_at, revenue, body::text FROM profile_event
                WHERE profile_id = ? %s ORDER BY occurred_at DESC, message_id DESC LIMIT ?""";
        Queries.RowReader<TimelineEvent> reader = row -> new TimelineEvent(row.getString(1), row.getString(2),
                row.getString(3), row.getString(4), row.getTimestamp(5).toInstant(), row.getBigDecimal(6),
                JsonColumn.read(row.getString(7), JsonNode.class));
        if (after == null) {
            return Queries.list(dataSource, sql.formatted(""), reader, id, limit);
        }
        return Queries.list(dataSource, sql.formatted("AND (occurred_at, message_id) < (?, ?)"), reader,
                id, Timestamp.from(after.occurredAt()), after.messageId(), limit);
    }

    /** Profiles whose trait has this value (compared as text), oldest first. */
    public List<UUID> withTrait(String name, String value, int limit) throws SQLException {
        return Queries.list(dataSource, """
                SELECT t.profile_id FROM profile_trait t JOIN profile p ON p.id = t.profile_id
                WHERE t.name = ? AND t.value #>> '{}' = ? ORDER BY p.created_at, p.id LIMIT ?""",
                row -> row.getObject(1, UUID.class), name, value, limit);
    }
}
