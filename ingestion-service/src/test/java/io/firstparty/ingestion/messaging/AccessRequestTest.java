package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractDeserializer;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.contracts.topics.Topics;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The ingestion service's part of an access request: nothing kept by identifier, or the suppression list's entry. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AccessRequestTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anUnknownPersonIsNothingHeldAndAnErasedIdentifierIsReportedByItsHashOnly() throws Exception {
        Identifier kept = new Identifier(IdentifierType.EMAIL, "kept-" + UUID.randomUUID() + "@example.com");
        String first = "acc-" + UUID.randomUUID();
        send(Topics.ACCESS_REQUESTS, new AccessRequested(AccessRequested.CURRENT_VERSION, first, AccessRequested.ACCESS,
                null, List.of(kept), Instant.now()));
        AccessPartDelivered nothing = awaitPart(first);
        assertEquals(AccessPartDelivered.NOTHING_HELD, nothing.outcome());
        assertEquals(1, nothing.chunks());
        assertEquals(0L, nothing.counts().get("suppressedIdentifiers"));

        Identifier erased = new Identifier(IdentifierType.EMAIL, "erased-" + UUID.randomUUID() + "@example.com");
        send(Topics.IDENTIFIERS_SUPPRESSED, new IdentifierSuppressed(IdentifierSuppressed.CURRENT_VERSION, erased.hash(),
                IdentifierType.EMAIL, "dsr-1", Instant.now()));
        // Each replica reads the suppression list on its own: ask again until this one has read the entry.
        AccessPartDelivered part = null;
        for (int attempt = 0; attempt < 10 && (part == null || !AccessPartDelivered.DELIVERED.equals(part.outcome())); attempt++) {
            String second = "acc-" + UUID.randomUUID();
            send(Topics.ACCESS_REQUESTS, new AccessRequested(AccessRequested.CURRENT_VERSION, second,
                    AccessRequested.PORTABILITY, null, List.of(erased, kept), Instant.now()));
            part = awaitPart(second);
        }
        assertEquals(AccessPartDelivered.DELIVERED, part.outcome());
        assertEquals(1L, part.counts().get("suppressedIdentifiers"));
        assertTrue(part.content().contains(erased.hash()), part.content());
        assertFalse(part.content().contains(erased.value()), "never the identifier's value");
        assertFalse(part.content().contains(kept.hash()), "only what is held");
    }

    private void send(String topic, VersionedRecord record) throws Exception {
        try (KafkaProducer<String, VersionedRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new ContractSerializer())) {
            producer.send(new ProducerRecord<>(topic, record.partitionKey(), record)).get();
        }
    }

    private AccessPartDelivered awaitPart(String requestId) {
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ContractDeserializer())) {
            consumer.subscribe(List.of(Topics.ACCESS_PARTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof AccessPartDelivered part && part.requestId().equals(requestId)
                            && "ingestion-service".equals(part.service())) {
                        return part;
                    }
                }
            }
        }
        return fail("no part from the ingestion service");
    }
}
