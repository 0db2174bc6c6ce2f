package io.firstparty.consent.messaging;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.kit.problem.DependencyUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes consent records and waits for every in-sync replica (acks=all). Changes publish inside
 * their database transaction while the person's chain is locked: a person's states reach the
 * compacted topic in the order they were decided, and a change Kafka did not take is not committed.
 */
@ApplicationScoped
public class RecordPublisher {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Producer<String, VersionedRecord> producer;
    private final long timeoutMs;

    RecordPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ConsentConfig config) {
        this.timeoutMs = config.publishTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 5000),
                ProducerConfig.CLIENT_ID_CONFIG, "consent-state"),
                new StringSerializer(), new ContractSerializer());
    }

    public void publish(String topic, VersionedRecord record) {
        send(topic, record.partitionKey(), record);
    }

    /** A null value under the key: on a compacted topic, the key's state is gone. */
    public void tombstone(String topic, String key) {
        send(topic, key, null);
    }

    private void send(String topic, String key, VersionedRecord value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new DependencyUnavailableException("Kafka did not take the change; nothing was recorded", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted before Kafka took the change", RETRY_AFTER);
        }
    }

    void close(@Observes ShutdownEvent event) {
        producer.close();
    }
}
