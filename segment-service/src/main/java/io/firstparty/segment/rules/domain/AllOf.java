package io.firstparty.segment.rules.domain;

import java.util.List;

public record AllOf(String pointer, List<Condition> conditions) implements Condition {

    public AllOf {
        conditions = List.copyOf(conditions);
    }

    @Override
    public String describe() {
        return "all of the following hold";
    }
}
