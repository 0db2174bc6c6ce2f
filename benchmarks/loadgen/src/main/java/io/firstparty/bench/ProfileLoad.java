package io.firstparty.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.serde.ContractSerializer;
import io.firstparty.contracts.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load of the profile benchmark: accepted events for people already stored ({@code stored-K@bench.example},
 * as profile-bench.sh preloads them) and for new people, put on the topic at a fixed rate or as fast as
 * possible, while the resolved records are read back. Prints how fast events were resolved and how long
 * each took from being published to its {@code IdentityResolved} (freshness).
 */
final class ProfileLoad {

    private final String bootstrap;
    private final int stored;
    private final String runId;
    private final Random random = new Random(42);

    ProfileLoad(String bootstrap, int stored, String runId) {
        this.bootstrap = bootstrap;
        this.stored = stored;
        this.runId = runId;
    }

    /** @param rate events per second, 0 for as fast as the producer goes */
    void run(int count, int rate, int maxSeconds) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>(count * 2);
        long[] latencies = new long[count];
        AtomicLong resolved = new AtomicLong();
        AtomicLong lastResolvedNanos = new AtomicLong();
        KafkaConsumer<String, String> consumer = consumer();
        Thread reader = new Thread(() -> read(consumer, sentAt, latencies, resolved, lastResolvedNanos, count, maxSeconds));
        reader.start();

        ContractSerializer serializer = new ContractSerializer();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                EventAccepted event = event(i);
                sentAt.put(event.messageId(), System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.EVENTS_ACCEPTED, event.partitionKey(),
                        serializer.serialize(Topics.EVENTS_ACCEPTED, event)));
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        reader.join();
        int n = (int) Math.min(resolved.get(), count);
        long[] done = Arrays.copyOf(latencies, n);
        Arrays.sort(done);
        double seconds = (lastResolvedNanos.get() - start) / 1e9;
        System.out.printf("RESULT produced=%d%n", count);
        System.out.printf("RESULT produce_seconds=%.2f%n", sendSeconds);
        System.out.printf("RESULT resolved=%d%n", n);
        System.out.printf("RESULT resolved_per_second=%.0f%n", n / Math.max(seconds, 1e-3));
        System.out.printf("RESULT freshness_p50_ms=%.1f%n", percentile(done, 0.50));
        System.out.printf("RESULT freshness_p99_ms=%.1f%n", percentile(done, 0.99));
        System.out.printf("RESULT freshness_max_ms=%.1f%n", n == 0 ? 0 : done[n - 1] / 1e6);
    }

    /** Half the events come from people already stored, half from new people; a few per person. */
    private EventAccepted event(int i) {
        boolean known = stored > 0 && random.nextBoolean();
        int person = known ? random.nextInt(stored) : i / 3;
        String email = known ? "stored-" + person + "@bench.example" : "new-" + runId + "-" + person + "@bench.example";
        String anonymous = known ? "bench-anon-" + person : "anon-" + runId + "-" + person;
        JsonNode traits = ContractJson.MAPPER.valueToTree(Map.of("email", email, "plan", i % 2 == 0 ? "gold" : "basic"));
        Instant now = Instant.now();
        EventType type = i % 3 == 0 ? EventType.IDENTIFY : EventType.TRACK;
        return new EventAccepted(EventAccepted.CURRENT_VERSION, runId + "-" + i, "00000000-0000-4000-8000-0000000be0f1",
                type, null, anonymous, type == EventType.TRACK ? "Product Viewed" : null, null, null, null,
                ContractJson.MAPPER.valueToTree(Map.of("sku", "SKU-" + (i % 500))), type == EventType.IDENTIFY ? traits : null,
                ContractJson.MAPPER.valueToTree(Map.of("traits", Map.of("email", email))), null, Map.of(),
                List.of(new Identifier(IdentifierType.ANONYMOUS_ID, anonymous), new Identifier(IdentifierType.EMAIL, email)),
                now, now, now);
    }

    private KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.IDENTITIES_RESOLVED).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void read(KafkaConsumer<String, String> consumer, Map<String, Long> sentAt, long[] latencies,
                             AtomicLong resolved, AtomicLong last, int count, int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        try (consumer) {
            while (resolved.get() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    String messageId = messageId(record.value());
                    Long sent = messageId == null ? null : sentAt.remove(messageId);
                    if (sent != null) {
                        int index = (int) resolved.getAndIncrement();
                        if (index < latencies.length) {
                            latencies[index] = now - sent;
                        }
                        last.set(now);
                    }
                }
            }
        }
    }

    private static String messageId(String json) {
        try {
            return ContractJson.MAPPER.readTree(json).path("messageId").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
