package io.firstparty.segment.segments.domain;

/** A segment after a change, with what its backfill did. */
public record Saved(SegmentView segment, long entered, long exited, long backfillMillis) {
}
