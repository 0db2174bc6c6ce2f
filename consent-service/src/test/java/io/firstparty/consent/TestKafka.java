package io.firstparty.consent;

import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.serde.ContractDeserializer;
import io.firstparty.contracts.serde.ContractSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Publishes what other services would, and reads what the consent service published. */
public final class TestKafka {

    private TestKafka() {
    }

    private static String servers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static void send(String topic, VersionedRecord record) {
        try (KafkaProducer<String, VersionedRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers()), new StringSerializer(), new ContractSerializer())) {
            producer.send(new ProducerRecord<>(topic, record.partitionKey(), record)).get();
        } catch (Exception e) {
            throw new IllegalStateException("test record not sent", e);
        }
    }

    /** The last record under {@code key} that {@code accepted} accepts (a tombstone is a null value). */
    @SuppressWarnings("unchecked")
    public static <T> T await(String topic, String key, Predicate<T> accepted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers()), new StringDeserializer(), new ContractDeserializer())) {
            // Every partition from the start, without a consumer group: no wait for a group to form.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && accepted.test((T) record.value())) {
                        return (T) record.value();
                    }
                }
            }
        }
        return fail("no matching record under the key on " + topic);
    }
}
