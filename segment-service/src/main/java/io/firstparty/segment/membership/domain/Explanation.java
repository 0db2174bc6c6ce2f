package io.firstparty.segment.membership.domain;

import io.firstparty.segment.consent.domain.ConsentVerdict;

import java.time.Instant;
import java.util.UUID;

/**
 * Why a person is or is not in a segment, in terms a privacy officer can hand to the person.
 *
 * @param member       whether the person is in the segment by its rule
 * @param listed       whether the person is listed, counted and exported: a member that consent allows
 * @param memberSince  when they entered, or null
 * @param summary      the whole verdict in one sentence
 * @param rule         the rule's root condition with each condition's verdict
 */
public record Explanation(UUID segmentId, String segmentName, String profileId, int ruleVersion, boolean member,
                          boolean listed, Instant memberSince, Instant evaluatedAt, String timeZone, String summary,
                          ConditionVerdict rule, ConsentVerdict consent) {
}
