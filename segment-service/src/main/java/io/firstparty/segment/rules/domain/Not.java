package io.firstparty.segment.rules.domain;

public record Not(String pointer, Condition condition) implements Condition {

    @Override
    public String describe() {
        return "the following does not hold";
    }
}
