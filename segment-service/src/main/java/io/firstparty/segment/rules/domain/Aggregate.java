package io.firstparty.segment.rules.domain;

import java.util.Locale;

/** A sum, average, minimum or maximum of a numeric event field, held to a threshold. */
public record Aggregate(Function function, FieldPath field, Threshold threshold) {

    public enum Function {
        SUM, AVG, MIN, MAX;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String describe() {
        return "the " + function.key() + " of " + field + " is " + threshold.describe();
    }
}
