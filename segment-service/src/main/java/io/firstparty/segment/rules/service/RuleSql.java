package io.firstparty.segment.rules.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.segment.rules.domain.AllOf;
import io.firstparty.segment.rules.domain.AnyOf;
import io.firstparty.segment.rules.domain.Comparison;
import io.firstparty.segment.rules.domain.Condition;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.Filter;
import io.firstparty.segment.rules.domain.InSegment;
import io.firstparty.segment.rules.domain.Match;
import io.firstparty.segment.rules.domain.Not;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.domain.Threshold;
import io.firstparty.segment.rules.domain.TraitCondition;
import io.firstparty.segment.rules.domain.Window;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a rule into set-based SQL over the event history: one grouped scan per event condition,
 * joined to the profiles by {@code profile_id}, the distribution column on Citus, so every join
 * stays within a shard. The same expressions decide membership, and the verdict of each
 * condition in an explanation, so the two cannot disagree. Values reach the database as
 * parameters only; column names come from a fixed list.
 */
public final class RuleSql {

    private final ZoneId zone;
    private final Instant now;

    public RuleSql(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    /**
     * The profile ids the rule selects: among all profiles, or among {@code restrictTo} when given.
     */
    public Sql members(Rule rule, String[] restrictTo) {
        List<EventCondition> events = rule.eventConditions();
        Set<EventCondition> required = required(rule.root());
        Sql sql = new Sql();
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "WITH " : ", ").append("e" + i + " AS (SELECT e.profile_id, ")
                    .append(aggregates(events.get(i))).append(" FROM segment_event e WHERE ")
                    .append(eventWhere(events.get(i)));
            if (restrictTo != null) {
                sql.append(" AND e.profile_id = ANY(").param(restrictTo, "text[]").append(")");
            }
            sql.append(" GROUP BY e.profile_id)");
        }
        sql.append(" SELECT p.profile_id FROM segment_profile p");
        for (int i = 0; i < events.size(); i++) {
            sql.append(required.contains(events.get(i)) ? " JOIN e" : " LEFT JOIN e").append(i + " ON e" + i
                    + ".profile_id = p.profile_id");
        }
        sql.append(" WHERE ").append(verdict(rule.root(), events));
        if (restrictTo != null) {
            sql.append(" AND p.profile_id = ANY(").param(restrictTo, "text[]").append(")");
        }
        return sql;
    }

    /**
     * One event condition for one profile: columns n (count), agg (aggregate or null), ids (the
     * matched events, latest first, at most {@code maxIds}) and verdict.
     */
    public Sql eventExplanation(EventCondition condition, String profileId, int maxIds) {
        return new Sql().append("SELECT s.n, s.agg, s.ids, ").append(eventVerdict(condition, "s"))
                .append(" FROM (SELECT ").append(aggregates(condition))
                .append(", (array_agg(e.message_id ORDER BY e.occurred_at DESC, e.message_id))[1:" + maxIds + "] AS ids")
                .append(" FROM segment_event e WHERE e.profile_id = ").param(profileId)
                .append(" AND ").append(eventWhere(condition)).append(") s");
    }

    /** One trait condition for one profile: columns verdict and value (the trait as JSON text). */
    public Sql traitExplanation(TraitCondition condition, String profileId) {
        return new Sql().append("SELECT ").append(traitVerdict(condition)).append(", CAST(")
                .append(value("p.traits", condition.filter())).append(" AS text) FROM segment_profile p WHERE p.profile_id = ")
                .param(profileId);
    }

    /**
     * Profiles whose events in a sliding window crossed its lower edge between {@code since} and now:
     * the only ones whose membership the passing of time can have changed.
     */
    public Sql agedOut(Rule rule, Instant since) {
        List<Sql> parts = new ArrayList<>();
        for (EventCondition condition : rule.eventConditions()) {
            if (condition.window().slides()) {
                Sql part = new Sql().append("SELECT e.profile_id FROM segment_event e WHERE ");
                if (condition.name() != null) {
                    part.append("e.name = ").param(condition.name()).append(" AND ");
                }
                parts.add(part.append("e.occurred_at >= ").param(since.minus(condition.window().within()), "timestamptz")
                        .append(" AND e.occurred_at < ").param(condition.window().start(now), "timestamptz"));
            }
        }
        Sql sql = new Sql();
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ").append(parts.get(i));
        }
        return sql;
    }

    /** Event conditions every member must satisfy with at least one event: joined, not left-joined. */
    private static Set<EventCondition> required(Condition condition) {
        Set<EventCondition> required = new HashSet<>();
        if (condition instanceof EventCondition event && !event.count().holdsForZero()) {
            required.add(event);
        } else if (condition instanceof AllOf all) {
            all.conditions().forEach(child -> required.addAll(required(child)));
        }
        return required;
    }

    private Sql verdict(Condition condition, List<EventCondition> events) {
        if (condition instanceof AllOf all) {
            return combine(all.conditions(), " AND ", events);
        }
        if (condition instanceof AnyOf any) {
            return combine(any.conditions(), " OR ", events);
        }
        if (condition instanceof Not not) {
            return new Sql().append("(NOT ").append(verdict(not.condition(), events)).append(")");
        }
        if (condition instanceof EventCondition event) {
            return eventVerdict(event, "e" + events.indexOf(event));
        }
        if (condition instanceof TraitCondition trait) {
            return traitVerdict(trait);
        }
        InSegment in = (InSegment) condition;
        return new Sql().append("EXISTS (SELECT 1 FROM segment_membership m WHERE m.profile_id = p.profile_id AND m.segment_id = ")
                .param(in.segmentId()).append(")");
    }

    private Sql combine(List<Condition> conditions, String operator, List<EventCondition> events) {
        Sql sql = new Sql().append("(");
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? "" : operator).append(verdict(conditions.get(i), events));
        }
        return sql.append(")");
    }

    /** Whether the counted and aggregated values of an event condition, found under alias, meet its thresholds. */
    private static Sql eventVerdict(EventCondition condition, String alias) {
        Sql sql = new Sql().append("COALESCE(").append(bounds("COALESCE(" + alias + ".n, 0)", condition.count()));
        if (condition.aggregate() != null) {
            sql.append(" AND ").append(bounds(alias + ".agg", condition.aggregate().threshold()));
        }
        return sql.append(", false)");
    }

    private static Sql traitVerdict(TraitCondition condition) {
        return new Sql().append("COALESCE(").append(filter("p.traits", condition.filter())).append(", false)");
    }

    private static Sql aggregates(EventCondition condition) {
        Sql sql = new Sql().append("count(*) AS n");
        if (condition.aggregate() != null) {
            sql.append(", ").append(condition.aggregate().function().key()).append("(")
                    .append(number(new Sql().append("e." + condition.aggregate().field().column() + " #> ")
                            .param(condition.aggregate().field().keyArray(), "text[]")))
                    .append(") AS agg");
        } else {
            sql.append(", CAST(NULL AS numeric) AS agg");
        }
        return sql;
    }

    private Sql eventWhere(EventCondition condition) {
        Sql sql = new Sql().append("e.type = ").param(condition.type().code());
        if (condition.name() != null) {
            sql.append(" AND e.name = ").param(condition.name());
        }
        Window window = condition.window();
        if (window.start(now) != null) {
            sql.append(" AND e.occurred_at >= ").param(window.start(now), "timestamptz");
        }
        if (window.end() != null) {
            sql.append(" AND e.occurred_at < ").param(window.end(), "timestamptz");
        }
        for (Filter filter : condition.where()) {
            sql.append(" AND ").append(filter("e." + filter.field().column(), filter));
        }
        Sql localTime = new Sql().append("(e.occurred_at AT TIME ZONE ").param(zone.getId()).append(")");
        if (condition.hourOfDay() != null) {
            sql.append(" AND ").append(bounds(new Sql().append("extract(hour FROM ").append(localTime).append(")"),
                    condition.hourOfDay()));
        }
        if (!condition.daysOfWeek().isEmpty()) {
            sql.append(" AND extract(isodow FROM ").append(localTime).append(") IN (")
                    .append(condition.daysOfWeek().stream().map(DayOfWeek::getValue).map(String::valueOf)
                            .collect(Collectors.joining(", "))).append(")");
        }
        return sql;
    }

    private static Sql value(String column, Filter filter) {
        return new Sql().append("(" + column + " #> ").param(filter.field().keyArray(), "text[]").append(")");
    }

    private static Sql filter(String column, Filter filter) {
        Sql value = value(column, filter);
        Match match = filter.match();
        if (match instanceof Match.Equals equals) {
            return new Sql().append(value).append(" = ").param(equals.value().toString(), "jsonb");
        }
        if (match instanceof Match.In in) {
            return new Sql().append(value).append(" = ANY(").param(in.values().stream().map(JsonNode::toString)
                    .toArray(String[]::new), "jsonb[]").append(")");
        }
        if (match instanceof Match.Range range) {
            return bounds(number(value), range.bounds());
        }
        if (match instanceof Match.Exists exists) {
            return new Sql().append("COALESCE(jsonb_typeof(").append(value).append("), 'null') ")
                    .append(exists.present() ? "<> 'null'" : "= 'null'");
        }
        JsonNode wanted = ((Match.Contains) match).value();
        return new Sql().append("(").append(value).append(" @> jsonb_build_array(").param(wanted.toString(), "jsonb")
                .append(") AND jsonb_typeof(").append(value).append(") = 'array' OR jsonb_typeof(").append(value)
                .append(") = 'string' AND strpos(").append(value).append(" #>> '{}', ").param(wanted.asText()).append(") > 0)");
    }

    /** A JSON value as a number, or null when it is not one, so a stray string never fails the query. */
    public static Sql number(Sql json) {
        return new Sql().append("CASE WHEN jsonb_typeof(").append(json).append(") = 'number' THEN CAST(")
                .append(json).append(" #>> '{}' AS numeric) END");
    }

    private static Sql bounds(String expression, Threshold threshold) {
        return bounds(new Sql().append(expression), threshold);
    }

    private static Sql bounds(Sql expression, Threshold threshold) {
        Sql sql = new Sql().append("(");
        boolean first = true;
        for (Map.Entry<Comparison, BigDecimal> bound : threshold.bounds().entrySet()) {
            sql.append(first ? "" : " AND ").append(expression).append(" " + bound.getKey().operator() + " ")
                    .param(bound.getValue());
            first = false;
        }
        return sql.append(")");
    }
}
