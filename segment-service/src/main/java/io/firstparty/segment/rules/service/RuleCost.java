package io.firstparty.segment.rules.service;

import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.domain.Window;

import java.time.Duration;

/**
 * An estimate of how much history a rule makes the database read, in units of "one named event
 * type over one day". A rule above the limit is refused at validation, with the part that costs
 * most, instead of being left to run without bound.
 */
public final class RuleCost {

    /** An event condition without a name reads every event in its window. */
    static final int UNNAMED_FACTOR = 20;

    private RuleCost() {
    }

    public static long of(Rule rule) {
        return rule.conditions().size() + rule.eventConditions().stream().mapToLong(RuleCost::of).sum();
    }

    static long of(EventCondition condition) {
        long days = Math.max(1, days(condition.window()));
        long filters = condition.where().size() + (condition.aggregate() != null ? 1 : 0);
        return days * (condition.name() == null ? UNNAMED_FACTOR : 1) * (2 + filters) / 2;
    }

    /** @throws InvalidInputException naming the costliest event condition when the rule's cost is above the limit */
    public static long check(Rule rule, long limit) {
        long cost = of(rule);
        if (cost > limit) {
            EventCondition costliest = rule.eventConditions().stream()
                    .max((a, b) -> Long.compare(of(a), of(b))).orElseThrow();
            throw new InvalidInputException(costliest.pointer(), "the rule's estimated cost " + cost
                    + " is above the limit " + limit + "; this condition costs " + of(costliest)
                    + ": give it an event name, a shorter window or fewer filters");
        }
        return cost;
    }

    private static long days(Window window) {
        if (window.within() != null) {
            return window.within().toDays();
        }
        if (window.from() != null) {
            return Duration.between(window.from(), window.to()).toDays();
        }
        return RuleParser.MAX_WINDOW.toDays();
    }
}
