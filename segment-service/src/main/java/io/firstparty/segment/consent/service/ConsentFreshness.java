package io.firstparty.segment.consent.service;

import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.messaging.AdminSettings;
import io.firstparty.kit.problem.DependencyUnavailableException;
import io.firstparty.segment.config.SegmentConfig;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Makes an export as current as the consent service. The consent service answers a withdrawal only
 * once its new state is on {@code firstparty.consent.changes}; so an export that first waits until
 * the local replica has applied that topic up to its end, as it was when the export began, cannot
 * include anyone whose withdrawal or objection was acknowledged before. Fails closed: a replica that
 * does not catch up in time stops the export.
 */
@ApplicationScoped
public class ConsentFreshness {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final ConsentRepository consent;
    private final Duration longestWait;
    private final Admin admin;

    ConsentFreshness(ConsentRepository consent, SegmentConfig config,
                     @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.consent = consent;
        this.longestWait = config.consentCatchUp();
        Map<String, Object> settings = AdminSettings.of(kafka);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "segment-consent-freshness");
        // The bean is made on the first export; the client connects only when it is first asked.
        this.admin = Admin.create(settings);
    }

    /** Returns once every consent state published before this call is applied locally. */
    public void awaitCurrent() throws SQLException {
        long deadline = System.nanoTime() + longestWait.toNanos();
        Map<Integer, Long> ends = endOffsets(deadline);
        while (!reached(consent.positions(), ends)) {
            if (System.nanoTime() > deadline) {
                throw new DependencyUnavailableException(
                        "consent decisions are still being applied here; the export would not reflect them", RETRY_AFTER);
            }
            sleep(POLL);
        }
    }

    static boolean reached(Map<Integer, Long> applied, Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> applied.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private Map<Integer, Long> endOffsets(long deadline) {
        try {
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            var partitions = admin.describeTopics(List.of(Topics.CONSENT_CHANGES)).allTopicNames()
                    .get(remainingMs, TimeUnit.MILLISECONDS).get(Topics.CONSENT_CHANGES).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(Topics.CONSENT_CHANGES, partition.partition()), partition -> OffsetSpec.latest()));
            remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            return admin.listOffsets(latest).all().get(remainingMs, TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new DependencyUnavailableException("Kafka did not say how far the consent decisions go", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while reading the consent decisions' position", RETRY_AFTER);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while waiting for consent decisions", RETRY_AFTER);
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
