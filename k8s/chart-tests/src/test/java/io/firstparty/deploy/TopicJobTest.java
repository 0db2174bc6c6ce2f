package io.firstparty.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The topic Job's script, as the chart renders it, run against the test broker with Kafka's own
 * topic command in place of the image's kafka-topics.sh: it creates each listed topic with its
 * partitions and clean-up policy, and a second run (an upgrade) changes nothing.
 */
class TopicJobTest {

    private static final String BROKER = Objects.requireNonNullElse(System.getenv("FIRSTPARTY_TEST_KAFKA"), "localhost:19092");
    private final String prefix = "chart-test." + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @Test
    void createsTheListedTopicsOnceWithTheirLayout() throws Exception {
        Path kafkaTopics = dir.resolve("kafka-topics.sh");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Files.writeString(kafkaTopics, "#!/bin/sh\nexec java -cp '" + classpath + "' org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(kafkaTopics, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, """
                kafka:
                  bootstrapServers: %s
                  replicationFactor: 1
                  topics:
                    asHook: false
                    jobScript: %s
                    list:
                      - {name: %s.history, partitions: 4, compacted: false}
                      - {name: %s.state, partitions: 2, compacted: true}
                """.formatted(BROKER, kafkaTopics, prefix, prefix));
        JsonNode container = RenderedChart.render(List.of(values), Map.of()).ofKind("Job").findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");

        runJob(container);
        runJob(container);

        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(prefix + ".history", prefix + ".state"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(4, topics.get(prefix + ".history").partitions().size());
            assertEquals(2, topics.get(prefix + ".state").partitions().size());
            assertEquals("delete", cleanupPolicy(admin, prefix + ".history"));
            assertEquals("compact", cleanupPolicy(admin, prefix + ".state"));
        }
    }

    @AfterEach
    void deleteTopics() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(prefix + ".history", prefix + ".state")).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException notCreated) {
            // nothing to clean up
        }
    }

    private void runJob(JsonNode container) throws Exception {
        ProcessBuilder job = new ProcessBuilder("bash", "-ec", container.at("/args/0").asText())
                .directory(dir.toFile()).redirectErrorStream(true);
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                job.environment().put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        Process process = job.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> "the topic Job failed:\n" + output);
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get("cleanup.policy").value();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER));
    }
}
