package io.firstparty.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.contracts.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules a data team relies on, checked on what the chart renders. */
class ChartSafetyTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL|WRITE_KEY).*");
    private static final Set<String> MANAGEMENT_PREFIXES = Set.of("/q", "/v1/sources", "/v1/profiles", "/v1/segments",
            "/v1/purposes", "/v1/consents", "/v1/people", "/v1/campaigns");

    static Stream<RenderedChart> charts() {
        return Stream.of(RenderedChart.plainManifests(), RenderedChart.production());
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyContainerIsProbedLimitedAndLockedDown(RenderedChart chart) {
        List<ObjectNode> workloads = Stream.concat(chart.ofKind("Deployment"), chart.ofKind("Job")).toList();
        assertFalse(workloads.isEmpty());
        for (ObjectNode workload : workloads) {
            String name = RenderedChart.name(workload);
            JsonNode pod = workload.at("/spec/template/spec");
            assertEquals("false", pod.path("automountServiceAccountToken").asText(), name + " mounts a service-account token");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name + " may run as root");
            for (JsonNode container : pod.path("containers")) {
                assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name + " root filesystem writable");
                assertEquals("false", container.at("/securityContext/allowPrivilegeEscalation").asText(), name + " may escalate");
                assertEquals("[\"ALL\"]", container.at("/securityContext/capabilities/drop").toString(), name + " keeps capabilities");
                for (String bound : List.of("requests", "limits")) {
                    assertFalse(container.at("/resources/" + bound + "/cpu").isMissingNode(), name + " has no CPU " + bound);
                    assertFalse(container.at("/resources/" + bound + "/memory").isMissingNode(), name + " has no memory " + bound);
                }
            }
        }
        for (ObjectNode deployment : chart.ofKind("Deployment").toList()) {
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), RenderedChart.name(deployment));
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), RenderedChart.name(deployment));
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), RenderedChart.name(deployment));
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void secretsAreOnlyReferencedNeverInlined(RenderedChart chart) {
        assertEquals(0, chart.ofKind("Secret").count(), "the chart must not create Secrets");
        for (ObjectNode configMap : chart.ofKind("ConfigMap").toList()) {
            configMap.path("data").fieldNames().forEachRemaining(key ->
                    assertFalse(SECRET_NAME.matcher(key).matches(), RenderedChart.name(configMap) + " holds " + key));
        }
        List<JsonNode> env = containers(chart).flatMap(c -> elements(c.path("env"))).toList();
        for (JsonNode variable : env) {
            if (SECRET_NAME.matcher(variable.path("name").asText()).matches()) {
                assertFalse(variable.path("valueFrom").path("secretKeyRef").isMissingNode(),
                        variable.path("name").asText() + " is not read from a Secret");
            }
        }
        assertTrue(env.stream().anyMatch(v -> v.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD")
                && v.at("/valueFrom/secretKeyRef/name").asText().equals("firstparty-pg-app")));
    }

    @Test
    void theBrokersCaComesFromAnExistingSecretReadOnly() {
        RenderedChart chart = RenderedChart.production();
        ObjectNode deployment = chart.named("Deployment", "firstparty-segment");
        assertEquals("firstparty-cluster-ca-cert", deployment.at("/spec/template/spec/volumes/1/secret/secretName").asText());
        JsonNode mount = deployment.at("/spec/template/spec/containers/0/volumeMounts/1");
        assertTrue(mount.path("readOnly").asBoolean(), mount.toString());
        assertEquals(mount.path("mountPath").asText() + "/ca.crt",
                chart.named("ConfigMap", "firstparty-segment").at("/data/KAFKA_SSL_TRUSTSTORE_LOCATION").asText());
        assertTrue(RenderedChart.defaults().named("Deployment", "firstparty-segment").at("/spec/template/spec/volumes/1").isMissingNode());
    }

    @Test
    void networkPoliciesExposeOnlyPublicServicesToTheIngressAndManagementToNamedPeers() {
        RenderedChart chart = RenderedChart.production();
        Map<String, List<String>> publicServices = Map.of(
                "firstparty-ingestion", List.of("/v1/track", "/v1/batch", "/v1/forms"),
                "firstparty-consent", List.of("/v1/objections"));
        for (ObjectNode deployment : chart.ofKind("Deployment").toList()) {
            String name = deployment.at("/metadata/name").asText();
            ObjectNode policy = chart.named("NetworkPolicy", name);
            assertEquals(deployment.at("/spec/selector/matchLabels"), policy.at("/spec/podSelector/matchLabels"), name);
            assertEquals("[\"Ingress\",\"Egress\"]", policy.at("/spec/policyTypes").toString(), name);
            List<JsonNode> rules = elements(policy.at("/spec/ingress")).toList();
            rules.forEach(rule -> assertFalse(rule.path("from").isEmpty(), name + " admits traffic from anywhere"));
            boolean fromIngressController = rules.stream().flatMap(r -> elements(r.path("from")))
                    .anyMatch(peer -> peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText().equals("ingress-nginx"));
            assertEquals(publicServices.containsKey(name), fromIngressController, name + ": ingress controller access");
        }
        ObjectNode ingress = chart.ofKind("Ingress").findFirst().orElseThrow();
        List<JsonNode> paths = elements(ingress.at("/spec/rules/0/http/paths")).toList();
        for (JsonNode path : paths) {
            String route = path.path("path").asText();
            String backend = path.at("/backend/service/name").asText();
            assertTrue(publicServices.containsKey(backend), route + " routed to " + backend);
            assertTrue(MANAGEMENT_PREFIXES.stream().noneMatch(route::startsWith), route + " is a management path");
        }
        publicServices.forEach((service, expected) -> expected.forEach(route -> assertTrue(
                paths.stream().anyMatch(p -> p.path("path").asText().equals(route) && p.at("/backend/service/name").asText().equals(service)),
                route + " is not routed to " + service)));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void replicaBoundsRespectTheTwelvePartitions(RenderedChart chart) {
        List<JsonNode> bounds = new ArrayList<>();
        chart.ofKind("HorizontalPodAutoscaler").forEach(hpa -> bounds.add(hpa.path("spec")));
        chart.ofKind("ScaledObject").forEach(so -> bounds.add(so.path("spec")));
        assertFalse(bounds.isEmpty());
        for (JsonNode spec : bounds) {
            int min = spec.has("minReplicas") ? spec.path("minReplicas").asInt() : spec.path("minReplicaCount").asInt();
            int max = spec.has("maxReplicas") ? spec.path("maxReplicas").asInt() : spec.path("maxReplicaCount").asInt();
            assertTrue(min >= 1 && min <= max && max <= Topics.PERSON_PARTITIONS, spec.toString());
        }
        for (ObjectNode deployment : chart.ofKind("Deployment").toList()) {
            String name = deployment.at("/metadata/name").asText();
            boolean scaled = chart.ofKind("HorizontalPodAutoscaler").anyMatch(h -> h.at("/spec/scaleTargetRef/name").asText().equals(name))
                    || chart.ofKind("ScaledObject").anyMatch(s -> s.at("/spec/scaleTargetRef/name").asText().equals(name));
            long autoscalers = chart.ofKind("HorizontalPodAutoscaler").filter(h -> h.at("/spec/scaleTargetRef/name").asText().equals(name)).count()
                    + chart.ofKind("ScaledObject").filter(s -> s.at("/spec/scaleTargetRef/name").asText().equals(name)).count();
            assertTrue(autoscalers <= 1, name + " has two autoscalers");
            assertEquals(scaled, deployment.at("/spec/replicas").isMissingNode(), name + ": replicas fixed beside an autoscaler");
            assertEquals(1, chart.ofKind("PodDisruptionBudget").filter(p -> p.at("/metadata/name").asText().equals(name)).count(), name);
        }
    }

    @Test
    void objectionLinksAreSignedWithTheDeploymentsOwnKeyAndPointAtItsPublicAddress() {
        RenderedChart chart = RenderedChart.production();
        JsonNode consent = chart.named("Deployment", "firstparty-consent").at("/spec/template/spec/containers/0");
        assertTrue(elements(consent.path("env")).anyMatch(v -> v.path("name").asText().equals("FIRSTPARTY_OBJECTION_SECRET")
                && v.at("/valueFrom/secretKeyRef/name").asText().equals("firstparty-objection-links")), consent.toString());
        assertEquals("https://privacy.example.com",
                chart.named("ConfigMap", "firstparty-consent").at("/data/FIRSTPARTY_CONSENT_PUBLIC_URL").asText());
        assertEquals(1, containers(chart).filter(c -> elements(c.path("env"))
                .anyMatch(v -> v.path("name").asText().equals("FIRSTPARTY_OBJECTION_SECRET"))).count(),
                "only consent-service holds the signing key");
    }

    @Test
    void collectionAndArchiverAreTwoDeploymentsOfOneImage() {
        RenderedChart chart = RenderedChart.defaults();
        JsonNode collection = chart.named("Deployment", "firstparty-ingestion").at("/spec/template/spec/containers/0");
        JsonNode archiver = chart.named("Deployment", "firstparty-ingestion-archiver").at("/spec/template/spec/containers/0");
        assertEquals(collection.path("image"), archiver.path("image"));
        assertTrue(collection.path("image").asText().endsWith("/ingestion-service:0.1.0"), collection.path("image").asText());
        assertEquals("false", chart.named("ConfigMap", "firstparty-ingestion").at("/data/FIRSTPARTY_ARCHIVE_ENABLED").asText());
        assertEquals("true", chart.named("ConfigMap", "firstparty-ingestion-archiver").at("/data/FIRSTPARTY_ARCHIVE_ENABLED").asText());
    }

    @Test
    void oneValueScalesOneService() {
        RenderedChart chart = RenderedChart.with(Map.of("services.profile.autoscaling.enabled", false, "services.profile.replicas", 5));
        assertEquals(5, chart.named("Deployment", "firstparty-profile").at("/spec/replicas").asInt());
        assertEquals(0, chart.ofKind("HorizontalPodAutoscaler").filter(h -> h.at("/metadata/name").asText().equals("firstparty-profile")).count());
        assertTrue(chart.named("Deployment", "firstparty-segment").at("/spec/replicas").isMissingNode(), "segment left to its autoscaler");
    }

    @Test
    void aSettingChangeRollsOnlyThatService() {
        RenderedChart before = RenderedChart.defaults();
        RenderedChart after = RenderedChart.with(Map.of("services.consent.env.FIRSTPARTY_NOTICE_BATCH_SIZE", "10"));
        assertEquals("10", after.named("ConfigMap", "firstparty-consent").at("/data/FIRSTPARTY_NOTICE_BATCH_SIZE").asText());
        assertFalse(checksum(before, "firstparty-consent").equals(checksum(after, "firstparty-consent")));
        assertEquals(checksum(before, "firstparty-profile"), checksum(after, "firstparty-profile"));
    }

    @Test
    void topicsAreTheContractTopicsByJobOrByStrimzi() {
        List<String> expected = Topics.ALL.stream()
                .map(t -> t.name() + " " + t.partitions() + " " + (t.compacted() ? "compact" : "delete")).toList();
        // helm-java's template leaves hooks out of what it renders (Helm's own template shows them),
        // so the Job is seen here as the plain manifests have it: without the hook annotations.
        assertEquals(0, RenderedChart.defaults().ofKind("Job").count(), "the topic Job is not a Helm hook");
        String script = RenderedChart.with(Map.of("kafka.topics.asHook", false)).ofKind("Job").findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0/args/0").asText();
        expected.forEach(line -> assertTrue(script.contains(line + "\n"), "the topic Job misses " + line));
        assertEquals(expected.size(), script.lines().filter(l -> l.startsWith("firstparty.")).count());

        RenderedChart strimzi = RenderedChart.production();
        assertEquals(0, strimzi.ofKind("Job").count());
        List<String> topics = strimzi.ofKind("KafkaTopic")
                .map(t -> t.at("/spec/topicName").asText() + " " + t.at("/spec/partitions").asInt() + " " + t.at("/spec/config/cleanup.policy").asText())
                .toList();
        assertEquals(expected, topics);
    }

    private static String checksum(RenderedChart chart, String deployment) {
        return chart.named("Deployment", deployment).at("/spec/template/metadata/annotations/checksum~1config").asText();
    }

    private static Stream<JsonNode> containers(RenderedChart chart) {
        return chart.objects().stream().flatMap(o -> elements(o.at("/spec/template/spec/containers")));
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
