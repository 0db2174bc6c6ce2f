package io.firstparty.segment.segments.domain;

/** A privacy officer's decision on one version of a segment. */
public record Approval(Integer version, String note) {
}
