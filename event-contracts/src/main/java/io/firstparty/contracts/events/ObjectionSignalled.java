package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;

/** A privacy signal seen at the door, for the consent service to record as an objection of the person it identifies. */
public record ObjectionSignalled(
        int schemaVersion,
        PrivacySignal signal,
        String sourceId,
        String messageId,
        List<Identifier> identifiers,
        Instant receivedAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public ObjectionSignalled {
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("a signal must identify somebody");
        }
        identifiers = List.copyOf(identifiers);
    }

    /** The first identifier is the event's own user or anonymous id, the same key its event was sent under. */
    @Override
    public String partitionKey() {
        return identifiers.get(0).key();
    }
}
