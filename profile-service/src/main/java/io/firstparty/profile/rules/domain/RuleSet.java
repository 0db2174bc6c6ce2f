package io.firstparty.profile.rules.domain;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The merge rules in force for one poll, read once so every event of it is judged alike. */
public record RuleSet(Map<IdentifierType, TypeRule> byType) {

    /** One type's rule, with blocked values compared case-insensitively. */
    public record TypeRule(int priority, int maxPerProfile, int sharedAfter, Set<String> blockedValues,
                           List<String> declaredTraits) {
    }

    private static final TypeRule UNRULED = new TypeRule(0, 1, 3, Set.of(), List.of());

    public static RuleSet of(List<MergeRule> rules) {
        RuleSet set = new RuleSet(new EnumMap<>(IdentifierType.class));
        for (MergeRule rule : rules) {
            Optional<IdentifierType> type = IdentifierType.parse(rule.identifierType);
            if (type.isPresent()) {
                set = set.with(type.get(), new MergeRuleChange(rule.priority, rule.maxPerProfile, rule.sharedAfter,
                        rule.blockedValues, rule.declaredTraits));
            }
        }
        return set;
    }

    /** These rules with one type's rule replaced, for a dry run. */
    public RuleSet with(IdentifierType type, MergeRuleChange change) {
        Map<IdentifierType, TypeRule> changed = new EnumMap<>(IdentifierType.class);
        changed.putAll(byType);
        changed.put(type, new TypeRule(change.priority(), change.maxPerProfile(), change.sharedAfter(),
                change.blockedValues().stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                change.declaredTraits() == null ? List.of() : List.copyOf(change.declaredTraits())));
        return new RuleSet(changed);
    }

    public TypeRule of(IdentifierType type) {
        return byType.getOrDefault(type, UNRULED);
    }

    public int priority(IdentifierType type) {
        return of(type).priority();
    }

    public boolean blocked(Identifier identifier) {
        return of(identifier.type()).blockedValues().contains(identifier.value().toLowerCase(Locale.ROOT));
    }

    /** Anonymous ids are device ids: they link weakly and never outweigh what a person tells. */
    public static boolean strong(IdentifierType type) {
        return type != IdentifierType.ANONYMOUS_ID;
    }
}
