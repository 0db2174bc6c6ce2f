package io.firstparty.segment.membership.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * How one condition of the rule came out for one person.
 *
 * @param pointer         where the condition sits in the rule's JSON
 * @param windowFrom      first instant the condition looked at (events), or null
 * @param windowTo        first instant after it, or null when it runs to now
 * @param count           events that passed every filter inside the window
 * @param aggregate       their sum, average, minimum or maximum, when the condition has one
 * @param matchedEventIds message ids of those events, latest first (at most 50)
 * @param traitValue      the trait's current value as JSON text, for a trait condition
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConditionVerdict(String pointer, String kind, String description, boolean holds, Instant windowFrom,
                               Instant windowTo, Long count, BigDecimal aggregate, List<String> matchedEventIds,
                               String traitValue, List<ConditionVerdict> conditions) {
}
