package io.firstparty.profile.resolution.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where the ids of new profiles and merges come from. Resolution names them after the event that makes
 * them: records are published before the database commits, so a poll rolled back after its records
 * went out (the database or the broker lost mid-poll) and resolved again makes the same ids, and what
 * the other services were told stays true.
 */
@FunctionalInterface
public interface IdSource {

    /** Ids derived from the event's source and message id and the ordinal of the id within the event. */
    IdSource FROM_EVENTS = (sourceId, messageId, ordinal) -> UUID.nameUUIDFromBytes(
            (sourceId + "\n" + messageId + "\n" + ordinal).getBytes(StandardCharsets.UTF_8));

    /** Fresh ids whatever the event, for what is never published (a dry run of rules). */
    IdSource RANDOM = (sourceId, messageId, ordinal) -> UUID.randomUUID();

    UUID next(String sourceId, String messageId, int ordinal);
}
