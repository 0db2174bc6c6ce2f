package io.firstparty.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.testing.Eventually;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Builds accepted events as ingestion publishes them (identifiers normalised) and puts them on the
 * test broker, then waits until the profile service has resolved them.
 */
public final class AcceptedEvents {

    public static final IdentifierNormalizer NORMALIZER = new IdentifierNormalizer("FR");
    private static final String SOURCE = "5f0c1b8e-0000-4000-8000-000000000001";
    private static KafkaProducer<String, byte[]> producer;

    private AcceptedEvents() {
    }

    /** A Segment call: identifiers from {@code userId}, {@code anonymousId} and the e-mail, phone and card traits. */
    public static EventAccepted event(EventType type, String anonymousId, String userId, String name,
                                      Map<String, ?> traits, Map<String, ?> properties) {
        List<Identifier> identifiers = new ArrayList<>();
        if (userId != null) {
            identifiers.add(NORMALIZER.normalize(IdentifierType.USER_ID, userId));
        }
        if (anonymousId != null) {
            identifiers.add(NORMALIZER.normalize(IdentifierType.ANONYMOUS_ID, anonymousId));
        }
        Map<String, IdentifierType> traitIdentifiers = Map.of("email", IdentifierType.EMAIL, "phone", IdentifierType.PHONE,
                "loyaltyCard", IdentifierType.LOYALTY_CARD);
        traitIdentifiers.forEach((trait, identifierType) -> {
            if (traits.get(trait) instanceof String value) {
                identifiers.add(NORMALIZER.normalize(identifierType, value));
            }
        });
        return withIdentifiers(type, anonymousId, userId, name, traits, properties, identifiers);
    }

    public static EventAccepted withIdentifiers(EventType type, String anonymousId, String userId, String name,
                                                Map<String, ?> traits, Map<String, ?> properties,
                                                List<Identifier> identifiers) {
        Instant now = Instant.now();
        boolean identify = type == EventType.IDENTIFY;
        JsonNode traitJson = ContractJson.MAPPER.valueToTree(traits);
        JsonNode context = ContractJson.MAPPER.valueToTree(identify ? Map.of() : Map.of("traits", traits));
        return new EventAccepted(EventAccepted.CURRENT_VERSION, UUID.randomUUID().toString(), SOURCE, type, userId,
                anonymousId, type == EventType.TRACK ? name : null, type == EventType.PAGE ? name : null, null, null,
                ContractJson.MAPPER.valueToTree(properties), identify ? traitJson : null, context, null, Map.of(),
                identifiers, now, now, now);
    }

    public static EventAccepted identify(String anonymousId, String userId, Map<String, ?> traits) {
        return event(EventType.IDENTIFY, anonymousId, userId, null, traits, Map.of());
    }

    public static EventAccepted track(String anonymousId, String userId, String name, Map<String, ?> traits,
                                      Map<String, ?> properties) {
        return event(EventType.TRACK, anonymousId, userId, name, traits, properties);
    }

    public static Map<String, Object> traits(Object... namesAndValues) {
        Map<String, Object> traits = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            traits.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return traits;
    }

    public static void send(List<? extends VersionedRecord> records) {
        ContractSerializer serializer = new ContractSerializer();
        try {
            for (VersionedRecord record : records) {
                String topic = record instanceof EventAccepted ? Topics.EVENTS_ACCEPTED
                        : record instanceof AccessRequested ? Topics.ACCESS_REQUESTS : Topics.ERASURE_REQUESTS;
                producer().send(new ProducerRecord<>(topic, record.partitionKey(), serializer.serialize(topic, record)));
            }
            producer().flush();
        } finally {
            serializer.close();
        }
    }

    public static void send(VersionedRecord... records) {
        send(List.of(records));
    }

    public static void sendRaw(String key, byte[] value) {
        producer().send(new ProducerRecord<>(Topics.EVENTS_ACCEPTED, key, value));
        producer().flush();
    }

    /** Waits until every event is resolved and returns the profile each one landed on now. */
    public static List<UUID> awaitResolved(DataSource dataSource, List<EventAccepted> events) {
        List<UUID> profiles = new ArrayList<>();
        Eventually.within(Duration.ofSeconds(60), () -> {
            profiles.clear();
            for (EventAccepted event : events) {
                UUID profile = profileOf(dataSource, event.messageId());
                assertEquals(true, profile != null, "event not resolved yet");
                profiles.add(profile);
            }
        });
        return profiles;
    }

    public static UUID awaitResolved(DataSource dataSource, EventAccepted event) {
        return awaitResolved(dataSource, List.of(event)).get(0);
    }

    public static UUID profileOf(DataSource dataSource, String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT profile_id FROM profile_event WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getObject(1, UUID.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
