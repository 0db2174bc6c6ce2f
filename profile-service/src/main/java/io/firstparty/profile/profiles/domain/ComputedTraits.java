package io.firstparty.profile.profiles.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** What a profile's events say: first and last seen, events per call type, revenue of its orders. */
public record ComputedTraits(Instant firstSeen, Instant lastSeen, Map<String, Long> eventCounts, BigDecimal totalRevenue) {
}
