package io.firstparty.profile.rules.domain;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Map<IdentifierType, TypeRule> byType = new EnumMap<>(IdentifierType.class);
        for (MergeRule rule : rules) {
            IdentifierType.parse(rule.identifierType).ifPresent(type -> byType.put(type, new TypeRule(
                    rule.priority, rule.maxPerProfile, rule.sharedAfter,
                    rule.blockedValues.stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                    List.copyOf(rule.declaredTraits))));
        }
        return new RuleSet(byType);
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
