package io.firstparty.segment.membership.messaging;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.segment.config.SegmentConfig;
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

/** Publishes contract records keyed by their partition key, returning once every one is acknowledged (acks=all). */
@ApplicationScoped
public class RecordPublisher {

    private final Producer<String, VersionedRecord> producer;
    private final long timeoutMs;

    RecordPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, SegmentConfig config) {
        this.timeoutMs = config.publishTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 5000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs + 2,
                ProducerConfig.CLIENT_ID_CONFIG, "segment-service"),
                new StringSerializer(), new ContractSerializer());
    }

    public void publish(String topic, List<? extends VersionedRecord> records)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<?>> acks = new ArrayList<>(records.size());
        for (VersionedRecord record : records) {
            acks.add(producer.send(new ProducerRecord<>(topic, record.partitionKey(), record)));
        }
        for (Future<?> ack : acks) {
            ack.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    void close(@Observes ShutdownEvent event) {
        producer.close();
    }
}
