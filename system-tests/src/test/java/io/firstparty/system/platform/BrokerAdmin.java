package io.firstparty.system.platform;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.TopicDescription;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the run's Kafka broker says about itself, its topics and the consumer groups on it. */
public final class BrokerAdmin implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    public BrokerAdmin(String bootstrap) {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        this.admin = Admin.create(settings);
    }

    /** Waits until the broker answers again, after a restart. */
    public void awaitUp(ManagedProcess broker, Duration timeout) {
        Http.await("the Kafka broker to answer", timeout, () -> {
            broker.checkAlive();
            try {
                return !admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty();
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, broker);
    }

    /** Every consumer group the broker knows, with its members and their assigned partitions. */
    public Map<String, ConsumerGroupDescription> consumerGroups() {
        Collection<ConsumerGroupListing> listings = get(admin.listConsumerGroups().all());
        List<String> ids = listings.stream().map(ConsumerGroupListing::groupId).toList();
        return get(admin.describeConsumerGroups(ids).all());
    }

    /** How many records of its topics a consumer group has not committed yet, over all their partitions. */
    public long lag(String group) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        var ends = get(admin.listOffsets(latest).all());
        return committed.entrySet().stream().mapToLong(entry -> ends.get(entry.getKey()).offset()
                - (entry.getValue() == null ? 0 : entry.getValue().offset())).sum();
    }

    public Map<String, TopicDescription> topics(Collection<String> names) {
        return get(admin.describeTopics(names).allTopicNames());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Kafka broker did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking the Kafka broker", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
