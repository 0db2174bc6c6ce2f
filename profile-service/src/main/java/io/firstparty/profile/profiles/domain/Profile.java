package io.firstparty.profile.profiles.domain;

import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A unified person within one identity space: every identifier linked to them, the winning value
 * of each trait with its provenance, and the traits computed from their events.
 *
 * @param space the identity space ({@code brand:<brand>}, {@code shared:<name>} or {@code default})
 */
public record Profile(UUID id, String space, List<Identifier> identifiers, Map<String, Trait> traits, ComputedTraits computed,
                      Instant createdAt, Instant updatedAt) {
}
