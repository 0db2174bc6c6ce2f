package io.firstparty.segment.rules.domain;

public record Filter(String pointer, FieldPath field, Match match) {

    public String describe() {
        return field + " " + match.describe();
    }
}
