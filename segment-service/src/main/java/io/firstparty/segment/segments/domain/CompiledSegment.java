package io.firstparty.segment.segments.domain;

import io.firstparty.segment.rules.domain.Rule;

import java.util.UUID;

/** An active segment with its current rule parsed, ready to evaluate. */
public record CompiledSegment(UUID id, int version, String purpose, Rule rule) {
}
