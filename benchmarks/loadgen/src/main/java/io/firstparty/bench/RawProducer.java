package io.firstparty.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.VersionedRecord;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling the service is compared with: one Kafka producer configured exactly as the service's
 * EventPublisher (acks=all, idempotent, linger 2 ms, 256 KiB batches, the service's compression),
 * sending the records the service would publish for the benchmark's messages (EventAccepted, same
 * JSON serializer, same partition keys) from one thread as fast as the broker acknowledges them.
 * No HTTP, no parsing, no validation, no archive.
 */
final class RawProducer {

    /** Records built per "request": one receivedAt for each group, as the service does per batch. */
    private static final int GROUP = 100;

    private final String bootstrap;
    private final String topic;
    private final int partitions;
    private final String sourceId;
    private final List<JsonNode> templates = new ArrayList<>();
    private final String compression;
    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("FR");

    RawProducer(String bootstrap, String topic, int partitions, String sourceId, String compression, List<String> lines)
            throws IOException {
        this.bootstrap = bootstrap;
        this.compression = compression;
        this.topic = topic;
        this.partitions = partitions;
        this.sourceId = sourceId;
        for (String line : lines) {
            templates.add(Messages.parse(line, Messages.MESSAGE_ID));
        }
    }

    /**
     * The producer settings of ingestion-service's EventPublisher (publish timeout 10 s), with its
     * compression (firstparty.collection.compression since it became configurable, lz4 before).
     */
    static Map<String, Object> publisherConfig(String bootstrap, String clientId, String compression) {
        int timeoutMs = 10_000;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** What MessageValidator makes of a message (identifiers normalised, timestamp corrected). */
    EventAccepted accepted(JsonNode message, String messageId, Instant sentAt, Instant receivedAt) {
        String userId = text(message, "userId");
        String anonymousId = text(message, "anonymousId");
        List<Identifier> identifiers = new ArrayList<>(2);
        if (userId != null) {
            identifiers.add(normalizer.normalize(IdentifierType.USER_ID, userId));
        }
        if (anonymousId != null) {
            identifiers.add(normalizer.normalize(IdentifierType.ANONYMOUS_ID, anonymousId));
        }
        Map<String, Boolean> consent = new LinkedHashMap<>();
        message.path("context").path("consent").path("categoryPreferences").fields()
                .forEachRemaining(e -> consent.put(e.getKey(), e.getValue().booleanValue()));
        Instant timestamp = Instant.parse(message.get("timestamp").asText());
        Instant happened = timestamp.minus(Duration.between(receivedAt, sentAt));
        return new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, sourceId, EventType.TRACK, userId,
                anonymousId, text(message, "event"), null, null, null, message.get("properties"), null,
                message.get("context"), message.get("integrations"), consent, identifiers, happened, sentAt, receivedAt);
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Average serialized size of the records, measured on one round of the templates. */
    double averageRecordBytes(String runId) {
        ContractSerializer serializer = new ContractSerializer();
        Instant now = Instant.now();
        long total = 0;
        for (int i = 0; i < templates.size(); i++) {
            total += serializer.serialize(topic, accepted(templates.get(i), id(runId, i), now, now)).length;
        }
        return (double) total / templates.size();
    }

    /** Shaped as wrk's script makes them (run id and phase, thread, counter), so records are as long. */
    private static String id(String runId, long n) {
        return String.format("bench-%sraw-1-%012d", runId, n);
    }

    /** Sends for warm-up + measured seconds; prints RESULT lines for the measured window. */
    void run(String runId, int warmupSeconds, int measuredSeconds) throws Exception {
        createTopic();
        double recordBytes = averageRecordBytes(runId);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long sent = 0;
        long ackedAtStart = -1;
        long measureStart = 0;
        long ackedAtEnd;
        long measureEnd;
        try (Producer<String, VersionedRecord> producer = new KafkaProducer<>(publisherConfig(bootstrap, "bench-raw-producer", compression),
                new StringSerializer(), new ContractSerializer())) {
            long start = System.nanoTime();
            long warmEnd = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long end = warmEnd + TimeUnit.SECONDS.toNanos(measuredSeconds);
            int next = 0;
            while (true) {
                long now = System.nanoTime();
                if (ackedAtStart < 0 && now >= warmEnd) {
                    ackedAtStart = acked.get();
                    measureStart = now;
                }
                if (now >= end) {
                    ackedAtEnd = acked.get();
                    measureEnd = now;
                    break;
                }
                Instant receivedAt = Instant.now();
                Instant sentAt = receivedAt.minusMillis(3);
                for (int i = 0; i < GROUP; i++) {
                    JsonNode template = templates.get(next);
                    next = (next + 1) % templates.size();
                    EventAccepted record = accepted(template, id(runId, sent++), sentAt, receivedAt);
                    producer.send(new ProducerRecord<>(topic, record.partitionKey(), record), (metadata, error) -> {
                        if (error == null) {
                            acked.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error.getClass().getSimpleName() + ": " + error.getMessage());
                        }
                    });
                }
            }
            producer.flush();
        }
        double seconds = (measureEnd - measureStart) / 1e9;
        long measured = ackedAtEnd - ackedAtStart;
        System.out.printf("RESULT raw_seconds=%.3f%n", seconds);
        System.out.printf("RESULT raw_acked=%d%n", measured);
        System.out.printf("RESULT raw_rate=%.1f%n", measured / seconds);
        System.out.printf("RESULT raw_mib_per_s=%.2f%n", measured * recordBytes / seconds / (1024 * 1024));
        System.out.printf("RESULT raw_record_bytes=%.1f%n", recordBytes);
        System.out.printf("RESULT raw_sent_total=%d%n", sent);
        System.out.printf("RESULT raw_acked_total=%d%n", acked.get());
        System.out.printf("RESULT raw_errors=%d%n", failed.get());
        System.out.printf("RESULT raw_compression=%s%n", compression);
        if (firstError.get() != null) {
            System.out.printf("RESULT raw_first_error=%s%n", firstError.get().replace('\n', ' '));
        }
    }
}
