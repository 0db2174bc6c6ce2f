package io.firstparty.segment.rules.domain;

import java.util.List;

public record AnyOf(String pointer, List<Condition> conditions) implements Condition {

    public AnyOf {
        conditions = List.copyOf(conditions);
    }

    @Override
    public String describe() {
        return "at least one of the following holds";
    }
}
