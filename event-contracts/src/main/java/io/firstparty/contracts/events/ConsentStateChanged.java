package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;
import java.util.Map;

/**
 * A person's whole consent state after a change. The topic is compacted by person, so each record
 * carries the full state, not the change alone: the latest record is all a consumer needs, and a
 * tombstone (null value) means the person was erased.
 *
 * @param purposes purpose code to decision; a purpose absent here has no consent on record
 */
public record ConsentStateChanged(
        int schemaVersion,
        String profileId,
        Map<String, PurposeDecision> purposes,
        String changedPurpose,
        Instant occurredAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public ConsentStateChanged {
        purposes = Map.copyOf(purposes);
    }

    @Override
    public String partitionKey() {
        return profileId;
    }
}
