package io.firstparty.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.ProfileChange;
import io.firstparty.contracts.events.PurposeDecision;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.events.SegmentMembershipChange;
import io.firstparty.contracts.serde.ContractDeserializer;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.contracts.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the profile and consent services would publish, published by the tests themselves to the
 * test broker, and a reader of what segment-service publishes.
 */
public final class TestStreams {

    private static KafkaProducer<String, VersionedRecord> producer;

    private TestStreams() {
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static synchronized void publish(String topic, String key, VersionedRecord record) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ContractSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, record)).get();
        } catch (Exception e) {
            throw new AssertionError("the test broker did not take a record", e);
        }
    }

    public static void publish(IdentityResolved resolved) {
        publish(Topics.IDENTITIES_RESOLVED, resolved.partitionKey(), resolved);
    }

    public static void publish(ProfileChange change) {
        publish(Topics.PROFILE_CHANGES, change.partitionKey(), change);
    }

    /** The purposes the tests use: two consent-based, one under legitimate interest. */
    public static void definePurposes() {
        for (String code : List.of("personalization", "email_marketing")) {
            publish(Topics.CONSENT_PURPOSES, code, new PurposeDefined(PurposeDefined.CURRENT_VERSION, code,
                    LawfulBasis.CONSENT, 1, null, Instant.now()));
        }
        publish(Topics.CONSENT_PURPOSES, "analytics", new PurposeDefined(PurposeDefined.CURRENT_VERSION, "analytics",
                LawfulBasis.LEGITIMATE_INTEREST, 1, null, Instant.now()));
    }

    public static void consent(String profileId, String purpose, ConsentStatus status, String evidenceId) {
        publish(Topics.CONSENT_CHANGES, profileId, new ConsentStateChanged(ConsentStateChanged.CURRENT_VERSION, profileId,
                Map.of(purpose, new PurposeDecision(status, Instant.now(), null, evidenceId)), purpose, Instant.now()));
    }

    public static void consent(String profileId, Map<String, PurposeDecision> purposes) {
        publish(Topics.CONSENT_CHANGES, profileId, new ConsentStateChanged(ConsentStateChanged.CURRENT_VERSION, profileId,
                purposes, null, Instant.now()));
    }

    /** A track event of the profile, with properties and context given as JSON text. */
    public static IdentityResolved track(String profileId, String event, Instant at, String properties, String context) {
        return track(profileId, UUID.randomUUID().toString(), event, at, properties, context);
    }

    public static IdentityResolved track(String profileId, String messageId, String event, Instant at, String properties,
                                         String context) {
        EventAccepted accepted = new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, UUID.randomUUID().toString(),
                EventType.TRACK, "u-" + profileId, null, event, null, null, null, json(properties), null, json(context),
                null, Map.of(), List.of(), at, at, at);
        return new IdentityResolved(IdentityResolved.CURRENT_VERSION, profileId, messageId, List.of(), Instant.now(), accepted);
    }

    public static JsonNode json(String text) {
        try {
            return text == null ? null : ContractJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("test JSON does not parse: " + text, e);
        }
    }

    /** Every record on a topic so far, with its key (reads the topic from the start). */
    public static List<ConsumerRecord<String, Object>> readAll(String topic) {
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "segment-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ContractDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 2) {
                var polled = consumer.poll(Duration.ofMillis(records.isEmpty() ? 2_000 : 300));
                polled.forEach(records::add);
                emptyPolls = polled.isEmpty() ? emptyPolls + 1 : 0;
            }
        }
        return records;
    }

    /** The membership changes published for a profile, in order. */
    public static List<SegmentMembershipChange> membershipChanges(String profileId) {
        return readAll(Topics.SEGMENT_MEMBERSHIP).stream().filter(record -> profileId.equals(record.key()))
                .map(record -> (SegmentMembershipChange) record.value()).toList();
    }
}
