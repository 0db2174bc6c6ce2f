package io.firstparty.kit.readiness;

import io.firstparty.contracts.topics.TopicSpec;
import io.firstparty.contracts.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    private final String bootstrapServers;
    private final TopicsConfig config;

    TopicProvisioning(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, TopicsConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    @Override
    public String name() {
        return "kafka-topics";
    }

    @Override
    public void run() throws Exception {
        int timeoutMs = (int) config.timeout().toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
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
