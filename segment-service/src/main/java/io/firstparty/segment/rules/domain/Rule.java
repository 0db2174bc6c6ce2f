package io.firstparty.segment.rules.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A parsed segment rule: its root condition, and what the evaluation needs to know about the whole tree. */
public record Rule(Condition root) {

    /** Every condition of the tree, depth first, the root first. */
    public List<Condition> conditions() {
        List<Condition> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    public List<EventCondition> eventConditions() {
        return conditions().stream().filter(EventCondition.class::isInstance).map(EventCondition.class::cast).toList();
    }

    /** The segments this rule's membership depends on. */
    public List<UUID> referencedSegments() {
        return conditions().stream().filter(InSegment.class::isInstance)
                .map(condition -> ((InSegment) condition).segmentId()).distinct().toList();
    }

    /** Whether membership can change with the mere passing of time (a sliding window). */
    public boolean slides() {
        return eventConditions().stream().anyMatch(condition -> condition.window().slides());
    }

    /** The direct children of a combining condition; none for a leaf. */
    public static List<Condition> children(Condition condition) {
        if (condition instanceof AllOf all) {
            return all.conditions();
        }
        if (condition instanceof AnyOf any) {
            return any.conditions();
        }
        if (condition instanceof Not not) {
            return List.of(not.condition());
        }
        return List.of();
    }

    private static void collect(Condition condition, List<Condition> into) {
        into.add(condition);
        children(condition).forEach(child -> collect(child, into));
    }
}
