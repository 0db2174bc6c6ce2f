package io.firstparty.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.identity.Identifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event the collection API validated and stored. Free-form parts (properties, traits, context,
 * integrations) stay JSON as the brand sent them; identifiers found in it are already normalised.
 *
 * @param timestamp when the event happened, corrected for the client's clock skew
 * @param consentPreferences {@code context.consent.categoryPreferences}, category to granted
 * @param consentEvidence    consent boxes of a web form, with the text the person saw (empty for API calls)
 * @param brand              the brand of the source, whose identity space the event is resolved in; null in
 *                           records published before brands travelled with events
 */
public record EventAccepted(
        int schemaVersion,
        String messageId,
        String sourceId,
        EventType type,
        String userId,
        String anonymousId,
        String event,
        String name,
        String groupId,
        String previousId,
        JsonNode properties,
        JsonNode traits,
        JsonNode context,
        JsonNode integrations,
        Map<String, Boolean> consentPreferences,
        List<Identifier> identifiers,
        Instant timestamp,
        Instant sentAt,
        Instant receivedAt,
        List<ConsentEvidence> consentEvidence,
        String brand) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public EventAccepted {
        consentPreferences = consentPreferences == null ? Map.of() : Map.copyOf(consentPreferences);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        consentEvidence = consentEvidence == null ? List.of() : List.copyOf(consentEvidence);
    }

    /** An event without a brand, as published before brands travelled with events. */
    public EventAccepted(int schemaVersion, String messageId, String sourceId, EventType type, String userId,
                         String anonymousId, String event, String name, String groupId, String previousId,
                         JsonNode properties, JsonNode traits, JsonNode context, JsonNode integrations,
                         Map<String, Boolean> consentPreferences, List<Identifier> identifiers, Instant timestamp,
                         Instant sentAt, Instant receivedAt, List<ConsentEvidence> consentEvidence) {
        this(schemaVersion, messageId, sourceId, type, userId, anonymousId, event, name, groupId, previousId,
                properties, traits, context, integrations, consentPreferences, identifiers, timestamp, sentAt,
                receivedAt, consentEvidence, null);
    }

    /** An event without consent evidence, as every API call is. */
    public EventAccepted(int schemaVersion, String messageId, String sourceId, EventType type, String userId,
                         String anonymousId, String event, String name, String groupId, String previousId,
                         JsonNode properties, JsonNode traits, JsonNode context, JsonNode integrations,
                         Map<String, Boolean> consentPreferences, List<Identifier> identifiers, Instant timestamp,
                         Instant sentAt, Instant receivedAt) {
        this(schemaVersion, messageId, sourceId, type, userId, anonymousId, event, name, groupId, previousId,
                properties, traits, context, integrations, consentPreferences, identifiers, timestamp, sentAt,
                receivedAt, List.of(), null);
    }

    /** This event from a source of {@code brand}. */
    public EventAccepted withBrand(String brand) {
        return new EventAccepted(schemaVersion, messageId, sourceId, type, userId, anonymousId, event, name, groupId,
                previousId, properties, traits, context, integrations, consentPreferences, identifiers, timestamp, sentAt,
                receivedAt, consentEvidence, brand);
    }

    /** This event with the consent boxes of the web form it came from. */
    public EventAccepted withConsentEvidence(List<ConsentEvidence> evidence) {
        return new EventAccepted(schemaVersion, messageId, sourceId, type, userId, anonymousId, event, name, groupId,
                previousId, properties, traits, context, integrations, consentPreferences, identifiers, timestamp, sentAt,
                receivedAt, evidence, brand);
    }

    /** A person is known by their user id once they have one, by their device's anonymous id before. */
    @Override
    public String partitionKey() {
        return userId != null ? "user:" + userId : "anon:" + anonymousId;
    }
}
