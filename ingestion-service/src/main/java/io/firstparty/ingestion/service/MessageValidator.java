package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.identity.InvalidIdentifierException;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.Validated;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks one Segment message against the Tracking API's rules and the source's declarations, and
 * turns it into an {@link EventAccepted}: message id generated when absent, timestamp corrected for
 * the client's clock skew, identifiers normalised.
 */
@ApplicationScoped
public class MessageValidator {

    private static final int MAX_ID_LENGTH = 256;
    private static final int MAX_NAME_LENGTH = 200;

    private final IdentifierNormalizer normalizer;
    private final EventSchemas schemas;
    private final CollectionConfig config;

    MessageValidator(IdentifierNormalizer normalizer, EventSchemas schemas, CollectionConfig config) {
        this.normalizer = normalizer;
        this.schemas = schemas;
        this.config = config;
    }

    /**
     * @param type     the call type fixed by the endpoint, or null when the message names it (batch)
     * @param pointer  JSON pointer of the message in the request, "" for a single message
     * @param batchSentAt the batch's own sentAt, used when a message has none
     */
    public Validated validate(ReceivedMessage message, EventType type, Source source, String pointer,
                              Instant receivedAt, Instant batchSentAt) {
        return validate(message, type, source, pointer, receivedAt, batchSentAt, true);
    }

    /**
     * @param screenControlCharacters false when the request body is known to hold none
     *                                (see {@link JsonLimits#mayHoldControlCharacters(byte[])})
     */
    public Validated validate(ReceivedMessage received, EventType type, Source source, String pointer,
                              Instant receivedAt, Instant batchSentAt, boolean screenControlCharacters) {
        Check check = new Check(pointer);
        JsonNode message = received.json();
        String messageId = check.optionalText(message, "messageId", MAX_ID_LENGTH);
        if (messageId == null) {
            messageId = UUID.randomUUID().toString();
        }
        if (!message.isObject()) {
            check.fail("", "must be a JSON object");
            return new Validated.Invalid(messageId, type, check.violations, received.original());
        }
        if (received.size() > config.maxMessageBytes()) {
            check.fail("", "must be at most " + config.maxMessageBytes() + " bytes");
            return new Validated.Invalid(messageId, type, check.violations, received.original());
        }
        if (screenControlCharacters) {
            check.controlCharacters(message, "");
        }

        EventType callType = type != null ? type : check.type(message);
        if (callType != null && !source.allows(callType)) {
            check.fail("/type", "this source may not send " + callType.code() + " calls");
        }
        String userId = check.optionalId(message, "userId");
        String anonymousId = check.optionalId(message, "anonymousId");
        if (userId == null && anonymousId == null) {
            check.fail("/userId", "userId or anonymousId is required");
        }
        String event = null;
        String name = check.optionalText(message, "name", MAX_NAME_LENGTH);
        String groupId = null;
        String previousId = null;
        if (callType == EventType.TRACK) {
            event = check.requiredText(message, "event", MAX_NAME_LENGTH);
        } else if (callType == EventType.GROUP) {
            groupId = check.requiredId(message, "groupId");
        } else if (callType == EventType.ALIAS) {
            previousId = check.requiredId(message, "previousId");
        }
        JsonNode properties = check.optionalObject(message, "properties");
        JsonNode traits = check.optionalObject(message, "traits");
        JsonNode context = check.optionalObject(message, "context");
        JsonNode integrations = check.optionalObject(message, "integrations");
        Map<String, Boolean> consent = check.consentPreferences(context);
        Instant timestamp = check.optionalInstant(message, "timestamp");
        Instant originalTimestamp = check.optionalInstant(message, "originalTimestamp");
        Instant sentAt = check.optionalInstant(message, "sentAt");
        List<Identifier> identifiers = identifiers(check, userId, anonymousId, traits, context);
        if (callType != null && check.violations.isEmpty()) {
            check.violations.addAll(schemas.validate(source.id(), callType, event,
                    callType == EventType.IDENTIFY || callType == EventType.GROUP ? traits : properties, pointer));
        }
        if (!check.violations.isEmpty()) {
            return new Validated.Invalid(messageId, type, check.violations, received.original());
        }
        Instant clientSentAt = sentAt != null ? sentAt : batchSentAt;
        Instant happened = correctedTimestamp(timestamp != null ? timestamp : originalTimestamp, clientSentAt, receivedAt);
        return new Validated.Valid(new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, source.id().toString(),
                callType, userId, anonymousId, event, name, groupId, previousId, properties, traits, context,
                integrations, consent, identifiers, happened, clientSentAt, receivedAt, List.of(), source.brand()));
    }

    /**
     * The Segment rule: a client whose clock is off by d sent {@code sentAt} d away from the truth, and
     * its event timestamp is off by the same d, so {@code timestamp = receivedAt - (sentAt - timestamp)}.
     */
    private Instant correctedTimestamp(Instant clientTimestamp, Instant sentAt, Instant receivedAt) {
        if (clientTimestamp == null) {
            return receivedAt;
        }
        if (sentAt == null) {
            return clientTimestamp;
        }
        Duration skew = Duration.between(receivedAt, sentAt);
        if (skew.abs().compareTo(config.skewTolerance()) <= 0) {
            return clientTimestamp;
        }
        return clientTimestamp.minus(skew);
    }

    private List<Identifier> identifiers(Check check, String userId, String anonymousId, JsonNode traits, JsonNode context) {
        Set<Identifier> found = new LinkedHashSet<>();
        addIdentifier(check, found, IdentifierType.USER_ID, userId, "/userId");
        addIdentifier(check, found, IdentifierType.ANONYMOUS_ID, anonymousId, "/anonymousId");
        JsonNode contextTraits = context == null ? null : context.get("traits");
        for (var trait : Map.of("email", IdentifierType.EMAIL, "phone", IdentifierType.PHONE,
                "loyaltyCard", IdentifierType.LOYALTY_CARD).entrySet()) {
            traitIdentifier(check, found, traits, "/traits/", trait.getKey(), trait.getValue());
            traitIdentifier(check, found, contextTraits, "/context/traits/", trait.getKey(), trait.getValue());
        }
        return List.copyOf(found);
    }

    private void traitIdentifier(Check check, Set<Identifier> found, JsonNode traits, String path, String field,
                                 IdentifierType type) {
        if (traits == null || !traits.isObject() || !traits.hasNonNull(field)) {
            return;
        }
        JsonNode value = traits.get(field);
        if (!value.isTextual()) {
            check.fail(path + field, "must be a string");
            return;
        }
        addIdentifier(check, found, type, value.asText(), path + field);
    }

    private void addIdentifier(Check check, Set<Identifier> found, IdentifierType type, String raw, String field) {
        if (raw == null) {
            return;
        }
        try {
            found.add(normalizer.normalize(type, raw));
        } catch (InvalidIdentifierException e) {
            check.fail(field, e.rule());
        }
    }

    /** Collects violations for one message, each with its JSON pointer inside the request. */
    private static final class Check {

        private final String pointer;
        private final List<Violation> violations = new ArrayList<>();

        Check(String pointer) {
            this.pointer = pointer;
        }

        void fail(String field, String rule) {
            violations.add(new Violation(pointer + field, rule));
        }

        EventType type(JsonNode message) {
            JsonNode type = message.get("type");
            if (type == null || !type.isTextual()) {
                fail("/type", "is required: one of identify, track, page, screen, group, alias");
                return null;
            }
            return EventType.parse(type.asText()).orElseGet(() -> {
                fail("/type", "must be one of identify, track, page, screen, group, alias");
                return null;
            });
        }

        String optionalText(JsonNode message, String field, int maxLength) {
            JsonNode value = message.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                fail("/" + field, "must be a string");
                return null;
            }
            if (value.asText().length() > maxLength) {
                fail("/" + field, "must be at most " + maxLength + " characters");
                return null;
            }
            return value.asText();
        }

        String requiredText(JsonNode message, String field, int maxLength) {
            String value = optionalText(message, field, maxLength);
            if (value == null || value.isBlank()) {
                if (violations.stream().noneMatch(v -> v.field().equals(pointer + "/" + field))) {
                    fail("/" + field, "is required");
                }
                return null;
            }
            return value;
        }

        /** Segment ids are strings; numbers are accepted as their decimal text, as the Segment API does. */
        String optionalId(JsonNode message, String field) {
            JsonNode value = message.get(field);
            if (value != null && value.isIntegralNumber()) {
                return value.asText();
            }
            String text = optionalText(message, field, MAX_ID_LENGTH);
            return text == null || text.isBlank() ? null : text;
        }

        String requiredId(JsonNode message, String field) {
            String value = optionalId(message, field);
            if (value == null && violations.stream().noneMatch(v -> v.field().equals(pointer + "/" + field))) {
                fail("/" + field, "is required");
            }
            return value;
        }

        JsonNode optionalObject(JsonNode message, String field) {
            JsonNode value = message.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                fail("/" + field, "must be an object");
                return null;
            }
            return value;
        }

        Instant optionalInstant(JsonNode message, String field) {
            JsonNode value = message.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isTextual()) {
                try {
                    return Timestamps.parse(value.asText());
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            fail("/" + field, "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T10:15:30.000Z");
            return null;
        }

        Map<String, Boolean> consentPreferences(JsonNode context) {
            Map<String, Boolean> preferences = new LinkedHashMap<>();
            JsonNode node = context == null ? null : context.path("consent").get("categoryPreferences");
            if (node == null || node.isNull()) {
                return preferences;
            }
            String field = "/context/consent/categoryPreferences";
            if (!node.isObject()) {
                fail(field, "must be an object of category to true or false");
                return preferences;
            }
            node.fields().forEachRemaining(entry -> {
                if (entry.getValue().isBoolean()) {
                    preferences.put(entry.getKey(), entry.getValue().booleanValue());
                } else {
                    fail(field + "/" + escape(entry.getKey()), "must be true or false");
                }
            });
            return preferences;
        }

        void controlCharacters(JsonNode node, String path) {
            if (node.isTextual()) {
                if (hasControlCharacter(node.asText())) {
                    fail(path, "must not contain control characters");
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String child = path + "/" + escape(entry.getKey());
                    if (hasControlCharacter(entry.getKey())) {
                        fail(child, "names must not contain control characters");
                    }
                    controlCharacters(entry.getValue(), child);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    controlCharacters(node.get(i), path + "/" + i);
                }
            }
        }

        private static boolean hasControlCharacter(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }

        /** RFC 6901 escaping of one pointer segment. */
        private static String escape(String segment) {
            return segment.replace("~", "~0").replace("/", "~1");
        }
    }
}
