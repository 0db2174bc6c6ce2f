package io.firstparty.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads back what the service published, and how far its archive consumer is behind. */
final class TopicTools {

    private TopicTools() {
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-reader"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Size of the first {@code count} records of the topic, and one of them as an example. */
    static void sample(String bootstrap, String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            long valueBytes = 0;
            String example = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (records < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (records >= count) {
                        break;
                    }
                    records++;
                    valueBytes += record.value() == null ? 0 : record.value().length;
                    if (example == null && record.value() != null) {
                        example = new String(record.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("RESULT sample_records=%d%n", records);
            System.out.printf("RESULT sample_record_bytes=%.1f%n", records == 0 ? 0.0 : (double) valueBytes / records);
            System.out.printf("RESULT topic_records=%d%n", total);
            System.out.printf("RESULT topic_partitions=%d%n", partitions.size());
            if (example != null) {
                System.out.printf("RESULT sample_example=%s%n", example.replace('\n', ' '));
            }
        }
    }

    /** Records of the topic not yet committed by the consumer group. */
    static long lag(Admin admin, KafkaConsumer<byte[], byte[]> consumer, String topic, String group) throws Exception {
        long[] positions = positions(admin, consumer, partitions(consumer, topic), group);
        return positions[0] - positions[1];
    }

    /**
     * Waits until the group has caught up with the topic, or the time is up; prints the lag when it
     * starts and ends, and the rate at which the group consumed meanwhile.
     */
    static void waitForGroup(String bootstrap, String topic, String group, int maxSeconds) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            long start = System.nanoTime();
            long first = lag(admin, consumer, topic, group);
            long last = first;
            long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
            while (last > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                last = lag(admin, consumer, topic, group);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT lag_start=%d%n", first);
            System.out.printf("RESULT lag_end=%d%n", last);
            System.out.printf("RESULT lag_seconds=%.1f%n", seconds);
            System.out.printf("RESULT lag_drain_rate=%.1f%n", seconds > 0 ? (first - last) / seconds : 0.0);
        }
    }

    /**
     * Watches a group while the topic is being written: every second the records written to the
     * topic, the records the group committed and the lag between them; at the end both rates and
     * the lag at the start, its highest and at the end, so a reader sees whether the lag stayed bounded.
     */
    static void watchGroup(String bootstrap, String topic, String group, int seconds) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            long[] first = positions(admin, consumer, partitions, group);
            long[] last = first;
            long maxLag = first[0] - first[1];
            long start = System.nanoTime();
            for (int second = 1; second <= seconds; second++) {
                Thread.sleep(Math.max(0, start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime()) / 1_000_000);
                long[] now = positions(admin, consumer, partitions, group);
                System.out.printf("WATCH second=%d written_per_s=%d archived_per_s=%d lag=%d%n", second,
                        now[0] - last[0], now[1] - last[1], now[0] - now[1]);
                maxLag = Math.max(maxLag, now[0] - now[1]);
                last = now;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT watch_seconds=%.1f%n", elapsed);
            System.out.printf("RESULT watch_written_rate=%.1f%n", (last[0] - first[0]) / elapsed);
            System.out.printf("RESULT watch_archived_rate=%.1f%n", (last[1] - first[1]) / elapsed);
            System.out.printf("RESULT watch_lag_start=%d%n", first[0] - first[1]);
            System.out.printf("RESULT watch_lag_max=%d%n", maxLag);
            System.out.printf("RESULT watch_lag_end=%d%n", last[0] - last[1]);
        }
    }

    /** The topic's end offsets and the group's committed offsets, each summed over the partitions. */
    private static long[] positions(Admin admin, KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                    String group) throws Exception {
        long written = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
        long archived = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            archived += offset == null ? 0 : offset.offset();
        }
        return new long[] {written, archived};
    }
}
