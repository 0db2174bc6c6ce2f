package io.firstparty.ingestion.rest;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.PrivacySignal;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractDeserializer;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.TestSources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class PrivacySignalsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void globalPrivacyControlIsPublishedAsAnObjectionOfThePerson() {
        TestSources source = TestSources.create();
        String messageId = UUID.randomUUID().toString();
        source.collect().header("Sec-GPC", "1")
                .body(Map.of("messageId", messageId, "userId", "u-gpc", "traits", Map.of("email", "Gpc@Example.com")))
                .post("/v1/identify").then().statusCode(200);

        ObjectionSignalled signal = awaitSignal(messageId);
        assertEquals(PrivacySignal.GLOBAL_PRIVACY_CONTROL, signal.signal());
        assertEquals(source.id(), signal.sourceId());
        assertTrue(signal.identifiers().contains(new Identifier(IdentifierType.EMAIL, "gpc@example.com")));
    }

    @Test
    void eventsOfAnErasedPersonAreDroppedAndCounted() throws Exception {
        TestSources source = TestSources.create();
        String email = "erased-" + UUID.randomUUID() + "@example.com";
        Identifier erased = new Identifier(IdentifierType.EMAIL, email);
        try (KafkaProducer<String, VersionedRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new ContractSerializer())) {
            IdentifierSuppressed suppression = new IdentifierSuppressed(IdentifierSuppressed.CURRENT_VERSION,
                    erased.hash(), IdentifierType.EMAIL, "dsr-1", Instant.now());
            producer.send(new ProducerRecord<>(Topics.IDENTIFIERS_SUPPRESSED, suppression.partitionKey(), suppression)).get();
        }

        within(Duration.ofSeconds(20), () -> source.collect()
                .body(Map.of("userId", "u-erased", "traits", Map.of("email", email.toUpperCase())))
                .post("/v1/identify").then()
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body("suppressed", equalTo(1)));
        source.collect().body(Map.of("userId", "u-other", "traits", Map.of("email", "kept@example.com")))
                .post("/v1/identify").then()
                .statusCode(200)
                .body("accepted", equalTo(1));
    }

    private ObjectionSignalled awaitSignal(String messageId) {
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ContractDeserializer())) {
            consumer.subscribe(List.of(Topics.PRIVACY_SIGNALS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof ObjectionSignalled signal && signal.messageId().equals(messageId)) {
                        return signal;
                    }
                }
            }
        }
        return fail("no objection signal for the message");
    }
}
