package io.firstparty.ingestion.messaging;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.ingestion.config.CollectionConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes contract records to Kafka with acks=all and an idempotent producer. The future completes
 * only when every in-sync replica has the record, which is when the collection API may answer 2xx.
 */
@ApplicationScoped
public class EventPublisher {

    private final Producer<String, VersionedRecord> producer;

    EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, CollectionConfig config) {
        int timeoutMs = (int) config.publishTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression(),
                // A broker that is down must turn into a 503 within the publish timeout, not a hung request.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 2,
                ProducerConfig.CLIENT_ID_CONFIG, "ingestion-collection"),
                new StringSerializer(), new ContractSerializer());
    }

    /** Completes when the broker has acknowledged all records, or exceptionally with the first failure. */
    public CompletableFuture<Void> publish(String topic, List<? extends VersionedRecord> records) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < records.size(); i++) {
            VersionedRecord record = records.get(i);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks[i] = ack;
            try {
                producer.send(new ProducerRecord<>(topic, record.partitionKey(), record), (metadata, error) -> {
                    if (error == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
            }
        }
        return CompletableFuture.allOf(acks);
    }

    void close(@Observes ShutdownEvent event) {
        producer.close();
    }
}
