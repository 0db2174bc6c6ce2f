package io.firstparty.profile.messaging;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.serde.ContractSerializer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes what the profile service decides (resolutions, merges, trait changes, erasures) and waits
 * until the broker holds every record. Callers publish before their database transaction commits:
 * a crash in between publishes again on redelivery, which consumers absorb (records are upserts
 * keyed by message or merge id, and the profiles and merges a poll makes are named after its events,
 * so the records published again name the same ones), whereas publishing after the commit could
 * lose records for good.
 */
@ApplicationScoped
public class ChangePublisher {

    /** A record and the topic it goes to; its key is its partition key. */
    public record Outgoing(String topic, VersionedRecord record) {
    }

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, VersionedRecord> producer;

    ChangePublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                // A poll's records are acknowledged before the next poll: 16 MiB holds one, the default 32 MiB is resident memory.
                ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "profile-changes"),
                new StringSerializer(), new ContractSerializer());
    }

    public void publish(List<Outgoing> records) {
        List<Future<?>> acks = new ArrayList<>(records.size());
        for (Outgoing outgoing : records) {
            acks.add(producer.send(new ProducerRecord<>(outgoing.topic(), outgoing.record().partitionKey(), outgoing.record())));
        }
        try {
            for (Future<?> ack : acks) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the profile's records", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    void close(@Observes ShutdownEvent event) {
        producer.close();
    }
}
