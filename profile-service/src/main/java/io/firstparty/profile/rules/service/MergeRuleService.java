package io.firstparty.profile.rules.service;

import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.profile.rules.domain.MergeRule;
import io.firstparty.profile.rules.domain.MergeRuleChange;
import io.firstparty.profile.rules.domain.MergeRuleView;
import io.firstparty.profile.rules.domain.RuleSet;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The merge rules. They are read from the database for every poll (a handful of rows), so a change
 * saved on one replica applies on every replica from its next poll on, to new events only.
 */
@ApplicationScoped
public class MergeRuleService {

    public RuleSet current() {
        return RuleSet.of(MergeRule.listAll());
    }

    @Transactional
    public List<MergeRuleView> list() {
        return MergeRule.<MergeRule>listAll(Sort.descending("priority")).stream().map(MergeRuleView::of).toList();
    }

    @Transactional
    public MergeRuleView update(String typeCode, MergeRuleChange change) {
        IdentifierType type = IdentifierType.parse(typeCode)
                .orElseThrow(() -> new InvalidInputException("/identifierType", "must be a known identifier type"));
        if (type != IdentifierType.EXTERNAL && change.declaredTraits() != null && !change.declaredTraits().isEmpty()) {
            throw new InvalidInputException("/declaredTraits", "only the external type declares trait names");
        }
        MergeRule rule = MergeRule.findById(type.code());
        if (rule == null) {
            rule = new MergeRule();
            rule.identifierType = type.code();
        }
        rule.priority = change.priority();
        rule.maxPerProfile = change.maxPerProfile();
        rule.sharedAfter = change.sharedAfter();
        rule.blockedValues = List.copyOf(change.blockedValues());
        rule.declaredTraits = change.declaredTraits() == null ? List.of() : List.copyOf(change.declaredTraits());
        rule.updatedAt = Instant.now();
        rule.persist();
        return MergeRuleView.of(rule);
    }
}
