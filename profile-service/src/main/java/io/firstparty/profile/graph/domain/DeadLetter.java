package io.firstparty.profile.graph.domain;

import java.time.Instant;

/** A record that could not be applied, where it was and why. */
public record DeadLetter(long id, String topic, int partition, long offset, String reason, Instant at) {
}
