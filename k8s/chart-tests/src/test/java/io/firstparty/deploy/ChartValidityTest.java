package io.firstparty.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every object the chart renders is valid for Kubernetes and for the operators whose kinds it uses. */
class ChartValidityTest {

    private final ObjectValidator validator = new ObjectValidator();

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(Repository.CHART).lint().strict().call();
        assertFalse(lint.isFailed(), () -> String.join("\n", lint.getMessages()));
    }

    @Test
    void defaultValuesRenderValidObjects() {
        RenderedChart chart = RenderedChart.plainManifests();
        assertAllValid(chart);
        assertEquals(List.of("ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Job", "NetworkPolicy",
                        "PodDisruptionBudget", "Service", "ServiceAccount"),
                chart.objects().stream().map(o -> o.path("kind").asText()).distinct().sorted().toList());
    }

    @Test
    void productionValuesRenderValidObjectsOfEveryKind() {
        RenderedChart chart = RenderedChart.production();
        assertAllValid(chart);
        List<String> kinds = chart.objects().stream().map(o -> o.path("kind").asText()).distinct().toList();
        assertTrue(kinds.containsAll(List.of("Ingress", "ScaledObject", "KafkaTopic", "ServiceMonitor",
                "HorizontalPodAutoscaler", "NetworkPolicy", "PodDisruptionBudget")), kinds::toString);
    }

    @Test
    void theValidatorRefusesUnknownAndMissingFields() {
        ObjectNode deployment = RenderedChart.defaults().ofKind("Deployment").findFirst().orElseThrow();
        ObjectNode unknown = deployment.deepCopy();
        ((ObjectNode) unknown.at("/spec/template/spec")).put("runAsNobody", true);
        assertTrue(validator.problems(unknown).stream().anyMatch(p -> p.contains("runAsNobody")), "unknown field accepted");

        ObjectNode missing = deployment.deepCopy();
        ((ObjectNode) missing.path("spec")).remove("selector");
        assertTrue(validator.problems(missing).stream().anyMatch(p -> p.contains("selector")), "missing selector accepted");

        ObjectNode topic = RenderedChart.production().ofKind("KafkaTopic").findFirst().orElseThrow().deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitons", 3);
        assertFalse(validator.problems(topic).isEmpty(), "misspelt KafkaTopic field accepted");

        ObjectNode scaled = RenderedChart.production().ofKind("ScaledObject").findFirst().orElseThrow().deepCopy();
        ((ObjectNode) scaled.path("spec")).remove("scaleTargetRef");
        assertFalse(validator.problems(scaled).isEmpty(), "ScaledObject without its target accepted");
    }

    @Test
    void strimziKedaAndServiceMonitorSchemasAreVendored() {
        assertTrue(validator.knownTypes().containsAll(List.of(
                "kafka.strimzi.io/v1/KafkaTopic", "keda.sh/v1alpha1/ScaledObject", "monitoring.coreos.com/v1/ServiceMonitor")),
                validator.knownTypes()::toString);
    }

    private void assertAllValid(RenderedChart chart) {
        assertFalse(chart.objects().isEmpty());
        Map<String, List<String>> problems = new java.util.TreeMap<>();
        chart.objects().forEach(object -> {
            List<String> found = validator.problems(object);
            if (!found.isEmpty()) {
                problems.put(RenderedChart.name(object), found);
            }
        });
        assertTrue(problems.isEmpty(), () -> "invalid objects: " + problems);
    }
}
