package io.firstparty.segment.membership.domain;

import java.time.LocalDate;

/** A day of a segment's life: people who entered and left, and its size by rule at the end of the day. */
public record DailySize(LocalDate day, long entered, long exited, long size) {
}
