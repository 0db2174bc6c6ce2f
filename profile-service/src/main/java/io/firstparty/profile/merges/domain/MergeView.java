package io.firstparty.profile.merges.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record MergeView(UUID id, UUID survivorId, UUID absorbedId, String status, String rule, String reason,
                        String messageId, List<String> identifiers, Instant createdAt, Instant decidedAt) {

    public static MergeView of(MergeLogEntry entry) {
        return new MergeView(entry.id, entry.survivorId, entry.absorbedId, entry.status, entry.rule, entry.reason,
                entry.messageId, List.copyOf(entry.identifierKeys), entry.createdAt, entry.decidedAt);
    }
}
