package io.firstparty.segment.rules.domain;

/** A filter on the profile's latest traits. */
public record TraitCondition(String pointer, Filter filter) implements Condition {

    @Override
    public String describe() {
        return "the profile's trait " + filter.describe();
    }
}
