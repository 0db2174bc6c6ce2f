package io.firstparty.segment.segments.domain;

/**
 * What a rule would select, before it is saved.
 *
 * @param cost          its estimated cost, against the limit
 * @param estimatedSize people who match the rule today
 */
public record Preview(long cost, long costLimit, long estimatedSize) {
}
