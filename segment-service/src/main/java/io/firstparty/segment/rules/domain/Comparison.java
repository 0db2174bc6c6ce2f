package io.firstparty.segment.rules.domain;

import java.util.Arrays;
import java.util.Optional;

/** The bounds a count, an aggregate, an hour or a number may be held to. */
public enum Comparison {
    GTE("gte", ">=", "at least"),
    GT("gt", ">", "more than"),
    LTE("lte", "<=", "at most"),
    LT("lt", "<", "less than"),
    EQ("eq", "=", "exactly");

    private final String key;
    private final String operator;
    private final String words;

    Comparison(String key, String operator, String words) {
        this.key = key;
        this.operator = operator;
        this.words = words;
    }

    public String key() {
        return key;
    }

    public String operator() {
        return operator;
    }

    public String words() {
        return words;
    }

    public static Optional<Comparison> ofKey(String key) {
        return Arrays.stream(values()).filter(comparison -> comparison.key.equals(key)).findFirst();
    }
}
