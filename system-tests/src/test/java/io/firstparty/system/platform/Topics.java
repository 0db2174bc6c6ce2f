package io.firstparty.system.platform;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.serde.ContractDeserializer;
import io.firstparty.contracts.serde.ContractSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Publishing and reading contract records on the run's broker, as another service would. */
public final class Topics {

    private Topics() {
    }

    public static void publish(LocalPlatform platform, String topic, VersionedRecord record) {
        try (KafkaProducer<String, VersionedRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ContractSerializer())) {
            producer.send(new ProducerRecord<>(topic, record.partitionKey(), record)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the record", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the topic from its start until {@code enough} holds for what was read, or the time runs out. */
    public static <T> List<T> readUntil(LocalPlatform platform, String topic, Class<T> type, Duration timeout,
                                        Predicate<List<T>> enough) {
        List<T> read = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ContractDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!enough.test(read) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (type.isInstance(record.value())) {
                        read.add(type.cast(record.value()));
                    }
                }
            }
        }
        return read;
    }
}
