package io.firstparty.kit.readiness;

import io.firstparty.contracts.topics.TopicSpec;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.messaging.AdminSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import io.smallrye.common.annotation.Identifier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the contract topics that do not exist yet, with their partitions and clean-up policy.
 * Every service does it, so whichever starts first leaves the broker ready for the others.
 */
@ApplicationScoped
public class TopicProvisioning implements StartupTask {

    private final Map<String, Object> brokerSettings;
    private final TopicsConfig config;

    /**
     * @param kafka every {@code kafka.*} setting of the service (bootstrap servers, and the security
     *              protocol, SASL and TLS settings a production broker needs), as its consumers get them
     */
    TopicProvisioning(@Identifier("default-kafka-broker") Map<String, Object> kafka, TopicsConfig config) {
        this.brokerSettings = AdminSettings.of(kafka);
        this.config = config;
    }

    @Override
    public String name() {
        return "kafka-topics";
    }

    @Override
    public void run() throws Exception {
        int timeoutMs = (int) config.timeout().toMillis();
        Map<String, Object> settings = new HashMap<>(brokerSettings);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(this::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                create(admin, missing, timeoutMs);
            }
        }
    }

    private void create(Admin admin, List<NewTopic> topics, int timeoutMs) throws Exception {
        try {
            admin.createTopics(topics).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Another replica or service created it between our listing and our request: fine.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private NewTopic newTopic(TopicSpec spec) {
        String policy = spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
        return new NewTopic(spec.name(), spec.partitions(), config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, policy));
    }
}
