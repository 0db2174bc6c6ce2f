package io.firstparty.segment.rules.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.segment.rules.domain.Aggregate;
import io.firstparty.segment.rules.domain.AllOf;
import io.firstparty.segment.rules.domain.AnyOf;
import io.firstparty.segment.rules.domain.Comparison;
import io.firstparty.segment.rules.domain.Condition;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.FieldPath;
import io.firstparty.segment.rules.domain.Filter;
import io.firstparty.segment.rules.domain.InSegment;
import io.firstparty.segment.rules.domain.Match;
import io.firstparty.segment.rules.domain.Not;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.domain.Threshold;
import io.firstparty.segment.rules.domain.TraitCondition;
import io.firstparty.segment.rules.domain.Window;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a segment rule from its JSON and checks every part of it, collecting one violation per
 * broken rule, each naming the JSON pointer of the offending part. Nothing it reads can make it
 * fail otherwise: a rule is either a {@link Rule} or a list of reasons.
 */
public final class RuleParser {

    public static final int MAX_DEPTH = 8;
    public static final int MAX_CONDITIONS = 50;
    public static final int MAX_FILTERS = 20;
    public static final int MAX_VALUES = 200;
    public static final int MAX_PATH_KEYS = 8;
    public static final int MAX_TEXT = 256;
    public static final Duration MAX_WINDOW = Duration.ofDays(730);

    private static final List<String> CONDITION_KINDS = List.of("all", "any", "not", "event", "trait", "inSegment");
    private static final Set<String> EVENT_FIELDS = Set.of("type", "name", "where", "hourOfDay", "dayOfWeek", "within",
            "between", "count", "aggregate");
    private static final Set<String> EVENT_COLUMNS = Set.of("properties", "context", "traits");
    private static final List<String> MATCHES = List.of("equals", "in", "range", "exists", "contains");
    private static final Set<EventType> EVENT_TYPES = EnumSet.complementOf(EnumSet.of(EventType.ALIAS));
    private static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");

    private final List<Violation> violations = new ArrayList<>();
    private int conditions;

    private RuleParser() {
    }

    /**
     * @param pointer where the rule sits in the request, e.g. {@code /rule}
     * @throws InvalidInputException naming every broken rule
     */
    public static Rule parse(JsonNode json, String pointer) {
        RuleParser parser = new RuleParser();
        Condition root = json == null || json.isMissingNode() || json.isNull()
                ? parser.fail(pointer, "a rule is required")
                : parser.condition(json, pointer, 1);
        if (!parser.violations.isEmpty()) {
            throw new InvalidInputException(parser.violations);
        }
        return new Rule(root);
    }

    private Condition condition(JsonNode node, String at, int depth) {
        if (!node.isObject() || node.size() != 1) {
            return fail(at, "a condition is an object with exactly one of: " + String.join(", ", CONDITION_KINDS));
        }
        if (depth > MAX_DEPTH) {
            return fail(at, "conditions nest at most " + MAX_DEPTH + " levels deep");
        }
        if (++conditions > MAX_CONDITIONS) {
            return fail(at, "a rule has at most " + MAX_CONDITIONS + " conditions");
        }
        String kind = node.fieldNames().next();
        JsonNode value = node.get(kind);
        String path = at + "/" + escape(kind);
        switch (kind) {
            case "all":
                return new AllOf(path, children(value, path, depth));
            case "any":
                return new AnyOf(path, children(value, path, depth));
            case "not":
                Condition negated = condition(value, path, depth + 1);
                return negated == null ? null : new Not(path, negated);
            case "event":
                return event(value, path);
            case "trait":
                Filter filter = filter(value, path, false);
                return filter == null ? null : new TraitCondition(path, filter);
            case "inSegment":
                return inSegment(value, path);
            default:
                return fail(path, "unknown condition; use one of: " + String.join(", ", CONDITION_KINDS));
        }
    }

    private List<Condition> children(JsonNode value, String at, int depth) {
        if (!value.isArray() || value.isEmpty()) {
            fail(at, "must be a non-empty array of conditions");
            return List.of();
        }
        List<Condition> children = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            Condition child = condition(value.get(i), at + "/" + i, depth + 1);
            if (child != null) {
                children.add(child);
            }
        }
        return children;
    }

    private Condition inSegment(JsonNode value, String at) {
        try {
            return new InSegment(at, UUID.fromString(value.isTextual() ? value.textValue() : ""));
        } catch (IllegalArgumentException e) {
            return fail(at, "must be the id (a UUID) of another segment");
        }
    }

    private Condition event(JsonNode node, String at) {
        if (!node.isObject()) {
            return fail(at, "an event condition is an object");
        }
        int before = violations.size();
        unknownFields(node, at, EVENT_FIELDS);
        EventType type = eventType(node.get("type"), at + "/type");
        String name = text(node.get("name"), at + "/name");
        List<Filter> where = filters(node.get("where"), at + "/where");
        Threshold hour = node.has("hourOfDay") ? threshold(node.get("hourOfDay"), at + "/hourOfDay", 0, 24, true) : null;
        Set<DayOfWeek> days = days(node.get("dayOfWeek"), at + "/dayOfWeek");
        Window window = window(node, at);
        Threshold count = node.has("count")
                ? threshold(node.get("count"), at + "/count", 0, Integer.MAX_VALUE, true) : Threshold.AT_LEAST_ONE;
        Aggregate aggregate = node.has("aggregate") ? aggregate(node.get("aggregate"), at + "/aggregate") : null;
        if (violations.size() > before) {
            return null;
        }
        return new EventCondition(at, type, name, where, hour, days, window, count, aggregate);
    }

    private EventType eventType(JsonNode value, String at) {
        if (value == null) {
            return EventType.TRACK;
        }
        EventType type = value.isTextual() ? EventType.parse(value.textValue()).orElse(null) : null;
        if (type == null || !EVENT_TYPES.contains(type)) {
            fail(at, "must be one of: track, page, screen, identify, group");
        }
        return type;
    }

    private String text(JsonNode value, String at) {
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > MAX_TEXT) {
            fail(at, "must be a non-blank string of at most " + MAX_TEXT + " characters");
            return null;
        }
        return value.textValue();
    }

    private List<Filter> filters(JsonNode value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_FILTERS) {
            fail(at, "must be an array of at most " + MAX_FILTERS + " filters");
            return List.of();
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            Filter filter = filter(value.get(i), at + "/" + i, true);
            if (filter != null) {
                filters.add(filter);
            }
        }
        return filters;
    }

    /** A field and one test of it; event fields start with their column, trait fields are the trait's name. */
    private Filter filter(JsonNode node, String at, boolean onEvent) {
        if (!node.isObject()) {
            fail(at, "a filter is an object with a path and one of: " + String.join(", ", MATCHES));
            return null;
        }
        int before = violations.size();
        Set<String> allowed = new HashSet<>(MATCHES);
        allowed.add("path");
        unknownFields(node, at, allowed);
        FieldPath field = fieldPath(node.get("path"), at + "/path", onEvent);
        List<String> tests = MATCHES.stream().filter(node::has).toList();
        if (tests.size() != 1) {
            fail(at, "a filter has exactly one of: " + String.join(", ", MATCHES));
            return null;
        }
        String test = tests.get(0);
        Match match = match(test, node.get(test), at + "/" + test);
        return violations.size() > before || field == null ? null : new Filter(at, field, match);
    }

    private Match match(String test, JsonNode value, String at) {
        switch (test) {
            case "equals":
                return scalar(value, at) ? new Match.Equals(value) : null;
            case "contains":
                return scalar(value, at) ? new Match.Contains(value) : null;
            case "exists":
                if (!value.isBoolean()) {
                    fail(at, "must be true or false");
                    return null;
                }
                return new Match.Exists(value.booleanValue());
            case "in":
                if (!value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
                    fail(at, "must be an array of 1 to " + MAX_VALUES + " values");
                    return null;
                }
                List<JsonNode> values = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    if (scalar(value.get(i), at + "/" + i)) {
                        values.add(value.get(i));
                    }
                }
                return new Match.In(values);
            default:
                Threshold bounds = threshold(value, at, MAX_NUMBER.negate(), MAX_NUMBER, false);
                return bounds == null ? null : new Match.Range(bounds);
        }
    }

    private boolean scalar(JsonNode value, String at) {
        boolean scalar = value.isTextual() && value.textValue().length() <= MAX_TEXT
                || value.isBoolean()
                || decimal(value) != null && decimal(value).abs().compareTo(MAX_NUMBER) <= 0;
        if (!scalar) {
            fail(at, "must be a string of at most " + MAX_TEXT + " characters, a number or a boolean");
        }
        return scalar;
    }

    private FieldPath fieldPath(JsonNode value, String at, boolean onEvent) {
        if (value == null || !value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_TEXT) {
            fail(at, "a path is required, such as " + (onEvent ? "properties.answers.skin_type" : "loyalty_tier"));
            return null;
        }
        List<String> keys = new ArrayList<>(Arrays.asList(value.textValue().split("\\.", -1)));
        String column = onEvent ? keys.remove(0) : "traits";
        if (onEvent && !EVENT_COLUMNS.contains(column)) {
            fail(at, "an event path starts with properties, context or traits");
            return null;
        }
        if (keys.isEmpty() || keys.size() > MAX_PATH_KEYS || keys.stream().anyMatch(String::isEmpty)) {
            fail(at, "a path names 1 to " + MAX_PATH_KEYS + " keys separated by dots"
                    + (onEvent ? " after its column" : ""));
            return null;
        }
        return new FieldPath(column, keys);
    }

    private Set<DayOfWeek> days(JsonNode value, String at) {
        if (value == null) {
            return Set.of();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (!value.isArray() || value.isEmpty()) {
            fail(at, "must be a non-empty array of mon, tue, wed, thu, fri, sat, sun");
            return days;
        }
        for (int i = 0; i < value.size(); i++) {
            DayOfWeek day = value.get(i).isTextual() ? dayOf(value.get(i).textValue()) : null;
            if (day == null) {
                fail(at + "/" + i, "must be one of mon, tue, wed, thu, fri, sat, sun");
            } else {
                days.add(day);
            }
        }
        return days;
    }

    private static DayOfWeek dayOf(String text) {
        return Arrays.stream(DayOfWeek.values())
                .filter(day -> day.name().substring(0, 3).toLowerCase(Locale.ROOT).equals(text))
                .findFirst().orElse(null);
    }

    private Window window(JsonNode node, String at) {
        JsonNode within = node.get("within");
        JsonNode between = node.get("between");
        if (within != null && between != null) {
            fail(at, "a condition has either within or between, not both");
            return null;
        }
        if (within != null) {
            return within(within, at + "/within");
        }
        return between != null ? between(between, at + "/between") : Window.ALL_HISTORY;
    }

    private Window within(JsonNode value, String at) {
        try {
            Duration duration = Duration.parse(value.isTextual() ? value.textValue() : "");
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_WINDOW) > 0) {
                fail(at, "a window is positive and at most " + MAX_WINDOW.toDays() + " days (P" + MAX_WINDOW.toDays() + "D)");
                return null;
            }
            return Window.within(duration);
        } catch (DateTimeException e) {
            fail(at, "must be an ISO-8601 duration such as P30D or PT12H");
            return null;
        }
    }

    private Window between(JsonNode value, String at) {
        if (!value.isObject() || !value.has("from") || !value.has("to") || value.size() != 2) {
            fail(at, "must be an object with from and to, ISO-8601 instants such as 2026-01-01T00:00:00Z");
            return null;
        }
        Instant from = instant(value.get("from"), at + "/from");
        Instant to = instant(value.get("to"), at + "/to");
        if (from == null || to == null) {
            return null;
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            fail(at, "from must come before to, at most " + MAX_WINDOW.toDays() + " days apart");
            return null;
        }
        return Window.between(from, to);
    }

    private Instant instant(JsonNode value, String at) {
        try {
            return Instant.parse(value.isTextual() ? value.textValue() : "");
        } catch (DateTimeException e) {
            fail(at, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            return null;
        }
    }

    private Aggregate aggregate(JsonNode node, String at) {
        if (!node.isObject()) {
            fail(at, "an aggregate is an object such as {\"sum\": \"properties.revenue\", \"gte\": 200}");
            return null;
        }
        List<Aggregate.Function> functions = Arrays.stream(Aggregate.Function.values())
                .filter(function -> node.has(function.key())).toList();
        if (functions.size() != 1) {
            fail(at, "an aggregate has exactly one of: sum, avg, min, max");
            return null;
        }
        Aggregate.Function function = functions.get(0);
        FieldPath field = fieldPath(node.get(function.key()), at + "/" + function.key(), true);
        Map<String, JsonNode> bounds = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(function.key())) {
                bounds.put(entry.getKey(), entry.getValue());
            }
        });
        Threshold threshold = threshold(JsonNodeFactory.instance.objectNode()
                .setAll(bounds), at, MAX_NUMBER.negate(), MAX_NUMBER, false);
        return field == null || threshold == null ? null : new Aggregate(function, field, threshold);
    }

    /** Bounds such as {@code {"gte": 2}}: at least one, each a number between min and max. */
    private Threshold threshold(JsonNode node, String at, Number min, Number max, boolean whole) {
        if (!node.isObject() || node.isEmpty()) {
            fail(at, "must be an object of bounds: gte, gt, lte, lt or eq");
            return null;
        }
        BigDecimal low = new BigDecimal(min.toString());
        BigDecimal high = new BigDecimal(max.toString());
        Map<Comparison, BigDecimal> bounds = new EnumMap<>(Comparison.class);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        int before = violations.size();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = at + "/" + escape(field.getKey());
            Comparison comparison = Comparison.ofKey(field.getKey()).orElse(null);
            JsonNode value = field.getValue();
            BigDecimal number = decimal(value);
            if (comparison == null) {
                fail(path, "unknown bound; use gte, gt, lte, lt or eq");
            } else if (number == null || whole && !isWhole(value, number)
                    || number.compareTo(low) < 0 || number.compareTo(high) > 0) {
                fail(path, "must be a " + (whole ? "whole " : "") + "number from " + low.toPlainString()
                        + " to " + high.toPlainString());
            } else {
                bounds.put(comparison, number);
            }
        }
        return violations.size() > before ? null : new Threshold(bounds);
    }

    private static boolean isWhole(JsonNode value, BigDecimal number) {
        return value.isIntegralNumber() || number.stripTrailingZeros().scale() <= 0;
    }

    /** A JSON number as a decimal, or null when it is none: {@code 11e1000} reads as an infinite double. */
    private static BigDecimal decimal(JsonNode value) {
        if (!value.isNumber() || (value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            return null;
        }
        return value.decimalValue();
    }

    private void unknownFields(JsonNode node, String at, Set<String> allowed) {
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                fail(at + "/" + escape(field), "unknown field; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
    }

    private <T> T fail(String at, String rule) {
        violations.add(new Violation(at, rule));
        return null;
    }

    /** A key as it appears in a JSON pointer (RFC 6901). */
    private static String escape(String key) {
        String shortened = key.length() > 64 ? key.substring(0, 64) : key;
        return shortened.replace("~", "~0").replace("/", "~1");
    }
}
