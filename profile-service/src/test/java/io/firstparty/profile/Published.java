package io.firstparty.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.serde.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads what the service published on a topic, from the beginning, as JSON. */
public final class Published {

    private Published() {
    }

    /** Every record of the topic that matches, once at least {@code atLeast} have arrived (or 30 s passed). */
    public static List<JsonNode> await(String topic, int atLeast, Predicate<JsonNode> matching) {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<JsonNode> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode json = read(record.value());
                    if (json != null && matching.test(json)) {
                        found.add(json);
                    }
                }
            }
            return found;
        }
    }

    private static JsonNode read(String value) {
        try {
            return value == null ? null : ContractJson.MAPPER.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }
}
