package io.firstparty.segment.rules.domain;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One or more bounds that all hold, e.g. {@code {"gte": 2, "lt": 5}}. */
public record Threshold(Map<Comparison, BigDecimal> bounds) {

    /** What an event condition without {@code count} asks: at least one event. */
    public static final Threshold AT_LEAST_ONE = new Threshold(Map.of(Comparison.GTE, BigDecimal.ONE));

    public Threshold {
        bounds = new EnumMap<>(bounds);
    }

    /** Whether zero satisfies it: a condition that holds for people without any matching event. */
    public boolean holdsForZero() {
        return bounds.entrySet().stream().allMatch(bound -> switch (bound.getKey()) {
            case GTE -> bound.getValue().signum() <= 0;
            case GT -> bound.getValue().signum() < 0;
            case LTE -> bound.getValue().signum() >= 0;
            case LT -> bound.getValue().signum() > 0;
            case EQ -> bound.getValue().signum() == 0;
        });
    }

    public String describe() {
        return bounds.entrySet().stream()
                .map(bound -> bound.getKey().words() + " " + bound.getValue().toPlainString())
                .collect(Collectors.joining(" and "));
    }
}
