package io.firstparty.profile.graph.domain;

import java.time.Instant;

/** A value seen with too many different people (a kiosk's device, a family e-mail): it links nobody. */
public record SharedIdentifier(String type, String value, int conflicts, Instant firstSeenAt) {
}
