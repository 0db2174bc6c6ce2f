package io.firstparty.segment.membership.service;

import io.firstparty.segment.config.SegmentConfig;
import io.firstparty.segment.consent.domain.ConsentVerdict;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.membership.domain.ConditionVerdict;
import io.firstparty.segment.membership.domain.Explanation;
import io.firstparty.segment.membership.domain.Member;
import io.firstparty.segment.membership.repository.ExplanationRepository;
import io.firstparty.segment.membership.repository.MembershipRepository;
import io.firstparty.segment.rules.domain.AllOf;
import io.firstparty.segment.rules.domain.AnyOf;
import io.firstparty.segment.rules.domain.Condition;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.InSegment;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.domain.TraitCondition;
import io.firstparty.segment.rules.service.RuleSql;
import io.firstparty.segment.segments.domain.Segment;
import io.firstparty.segment.segments.domain.SegmentVersion;
import io.firstparty.segment.segments.service.ActiveSegments;
import io.firstparty.segment.segments.service.SegmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Explains a person's membership of a segment condition by condition, against the current rule
 * version: each verdict, the window bounds, the counted and aggregated values, the events that
 * matched, and the consent verdict with the ledger's evidence.
 */
@ApplicationScoped
public class ExplanationService {

    private final SegmentService segments;
    private final ActiveSegments rules;
    private final MembershipRepository membership;
    private final ExplanationRepository explanations;
    private final ConsentRepository consent;
    private final SegmentConfig config;

    ExplanationService(SegmentService segments, ActiveSegments rules, MembershipRepository membership,
                       ExplanationRepository explanations, ConsentRepository consent, SegmentConfig config) {
        this.segments = segments;
        this.rules = rules;
        this.membership = membership;
        this.explanations = explanations;
        this.consent = consent;
        this.config = config;
    }

    @Transactional
    public Explanation explain(UUID segmentId, String profileId) throws SQLException {
        Segment segment = segments.find(segmentId);
        Rule rule = rules.rule(SegmentVersion.of(segmentId, segment.currentVersion).orElseThrow());
        Instant now = Instant.now();
        ConditionVerdict verdict = verdict(rule.root(), new RuleSql(config.timeZone(), now), profileId, now);
        Optional<Member> member = membership.membership(segmentId, profileId);
        ConsentVerdict allowed = consent.verdict(profileId, segment.purpose);
        boolean listed = member.isPresent() && allowed.allowed() && segment.isActive();
        String summary = (member.isPresent() ? "The person is a member of \"" : "The person is not a member of \"")
                + segment.name + "\" under rule version " + segment.currentVersion + ": the rule "
                + (verdict.holds() ? "holds" : "does not hold") + ". Consent for the purpose \"" + segment.purpose + "\": "
                + allowed.reason() + (listed ? "; the person is listed." : "; the person is not listed, counted or exported.");
        return new Explanation(segmentId, segment.name, profileId, segment.currentVersion, member.isPresent(), listed,
                member.map(Member::since).orElse(null), now, config.timeZone().getId(), summary, verdict, allowed);
    }

    private ConditionVerdict verdict(Condition condition, RuleSql sql, String profileId, Instant now) throws SQLException {
        if (condition instanceof EventCondition event) {
            return explanations.event(sql, event, profileId, now);
        }
        if (condition instanceof TraitCondition trait) {
            return explanations.trait(sql, trait, profileId);
        }
        if (condition instanceof InSegment in) {
            boolean holds = membership.membership(in.segmentId(), profileId).isPresent();
            return new ConditionVerdict(in.pointer(), "inSegment", in.describe(), holds, null, null, null, null, null,
                    null, null);
        }
        List<ConditionVerdict> children = new ArrayList<>();
        for (Condition child : Rule.children(condition)) {
            children.add(verdict(child, sql, profileId, now));
        }
        boolean holds = condition instanceof AllOf ? children.stream().allMatch(ConditionVerdict::holds)
                : condition instanceof AnyOf ? children.stream().anyMatch(ConditionVerdict::holds)
                : !children.get(0).holds();
        String kind = condition instanceof AllOf ? "all" : condition instanceof AnyOf ? "any" : "not";
        return new ConditionVerdict(condition.pointer(), kind, condition.describe(), holds, null, null, null, null, null,
                null, children);
    }
}
