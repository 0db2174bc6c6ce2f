package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.Violation;

import java.util.List;
import java.util.UUID;

/** What a replay did: the failures now accepted, and those that still break a rule, with why. */
public record ReplayResult(List<UUID> replayed, List<StillFailing> stillFailing) {

    public record StillFailing(UUID id, List<Violation> violations) {
    }
}
