package io.firstparty.profile.profiles.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.kit.persistence.Queries;
import io.firstparty.profile.profiles.domain.ComputedTraits;
import io.firstparty.profile.profiles.domain.Profile;
import io.firstparty.profile.profiles.domain.TimelineCursor;
import io.firstparty.profile.profiles.domain.TimelineEvent;
import io.firstparty.profile.profiles.domain.Trait;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    /**
     * The profile a (possibly merged-away) id lives on now, whole, in one statement: the merge chain
     * followed to its end, then the profile's linked identifiers, traits and per-type event figures as
     * JSON arrays. A lookup is the API's hot path, and it cost five statements (each a pooled
     * connection and a round trip) before.
     */
    public Optional<Profile> profile(UUID id) throws SQLException {
        return Queries.list(dataSource, """
                WITH RECURSIVE chain (id, merged_into, depth) AS (
                    SELECT id, merged_into, 0 FROM profile WHERE id = ?
                    UNION ALL
                    SELECT p.id, p.merged_into, c.depth + 1 FROM profile p JOIN chain c ON p.id = c.merged_into
                    WHERE c.depth < 1000)
                SELECT p.id, p.space, p.created_at, p.updated_at,
                    (SELECT json_agg(json_build_array(i.type, i.value) ORDER BY i.first_seen_at, i.type, i.value)
                     FROM profile_identifier i WHERE i.profile_id = p.id AND i.status = 'linked')::text,
                    (SELECT json_agg(json_build_array(t.name, t.value, t.source_id, t.message_id, t.updated_at) ORDER BY t.name)
                     FROM profile_trait t WHERE t.profile_id = p.id)::text,
                    (SELECT json_agg(json_build_array(e.type, e.events, e.first_at, e.last_at, e.revenue::text) ORDER BY e.type)
                     FROM (SELECT type, count(*) AS events, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
                                  sum(revenue) AS revenue
                           FROM profile_event WHERE profile_id = p.id GROUP BY type) e)::text
                FROM chain c JOIN profile p ON p.id = c.id WHERE c.merged_into IS NULL""",
                row -> new Profile(row.getObject(1, UUID.class), row.getString(2), identifiers(row.getString(5)),
                        traits(row.getString(6)), computed(row.getString(7)), row.getTimestamp(3).toInstant(),
                        row.getTimestamp(4).toInstant()), id).stream().findFirst();
    }

    private static List<Identifier> identifiers(String json) throws SQLException {
        List<Identifier> identifiers = new ArrayList<>();
        for (JsonNode identifier : array(json)) {
            identifiers.add(new Identifier(IdentifierType.fromCode(identifier.get(0).asText()), identifier.get(1).asText()));
        }
        return identifiers;
    }

    private static Map<String, Trait> traits(String json) throws SQLException {
        Map<String, Trait> traits = new LinkedHashMap<>();
        for (JsonNode trait : array(json)) {
            traits.put(trait.get(0).asText(), new Trait(trait.get(1), trait.get(2).textValue(), trait.get(3).textValue(),
                    instant(trait.get(4))));
        }
        return traits;
    }

    /** First and last seen over every type, the count of each type and the revenue of all of them. */
    private static ComputedTraits computed(String json) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        BigDecimal revenue = BigDecimal.ZERO;
        for (JsonNode type : array(json)) {
            counts.put(type.get(0).asText(), type.get(1).asLong());
            Instant firstOfType = instant(type.get(2));
            Instant lastOfType = instant(type.get(3));
            first = first == null || firstOfType.isBefore(first) ? firstOfType : first;
            last = last == null || lastOfType.isAfter(last) ? lastOfType : last;
            revenue = type.get(4).isNull() ? revenue : revenue.add(new BigDecimal(type.get(4).asText()));
        }
        return new ComputedTraits(first, last, counts, revenue);
    }

    private static JsonNode array(String json) throws SQLException {
        return json == null ? JsonNodeFactory.instance.arrayNode() : JsonColumn.read(json, JsonNode.class);
    }

    private static Instant instant(JsonNode timestamp) {
        return OffsetDateTime.parse(timestamp.asText()).toInstant();
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
