package io.firstparty.profile.rules.domain;

import java.time.Instant;
import java.util.List;

public record MergeRuleView(String identifierType, int priority, int maxPerProfile, int sharedAfter,
                            List<String> blockedValues, List<String> declaredTraits, Instant updatedAt) {

    public static MergeRuleView of(MergeRule rule) {
        return new MergeRuleView(rule.identifierType, rule.priority, rule.maxPerProfile, rule.sharedAfter,
                List.copyOf(rule.blockedValues), List.copyOf(rule.declaredTraits), rule.updatedAt);
    }
}
