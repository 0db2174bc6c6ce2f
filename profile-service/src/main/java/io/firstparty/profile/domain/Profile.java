package io.firstparty.profile.domain;

import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A unified person: every identifier linked to them and the latest value of each trait, with provenance. */
public record Profile(UUID id, List<Identifier> identifiers, Map<String, Trait> traits, Instant createdAt, Instant updatedAt) {
}
