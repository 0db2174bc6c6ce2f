package io.firstparty.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator resources of k8s/examples/ are valid against the operators' CRDs and match the chart's defaults. */
class ExamplesTest {

    private final ObjectValidator validator = new ObjectValidator();

    @Test
    void everyExampleResourceIsValid() throws IOException {
        Map<String, List<String>> problems = new TreeMap<>();
        int count = 0;
        for (Path file : examples()) {
            for (var object : RenderedChart.parse(Files.readString(file)).objects()) {
                count++;
                List<String> found = validator.problems(object);
                if (!found.isEmpty()) {
                    problems.put(file.getFileName() + " " + RenderedChart.name(object), found);
                }
            }
        }
        assertTrue(count >= 10, "examples hold " + count + " objects");
        assertTrue(problems.isEmpty(), () -> "invalid examples: " + problems);
    }

    @Test
    void theChartDefaultsNameTheExamplesResources() throws IOException {
        RenderedChart examples = RenderedChart.parse(String.join("\n---\n", examples().stream().map(ExamplesTest::read).toList()));
        var settings = RenderedChart.defaults().named("ConfigMap", "firstparty-profile").path("data");
        assertEquals(examples.named("Cluster", "firstparty-pg").at("/metadata/name").asText() + "-rw",
                settings.path("FIRSTPARTY_DB_HOST").asText());
        assertEquals(examples.named("Kafka", "firstparty").at("/metadata/name").asText() + "-kafka-bootstrap:9092",
                settings.path("FIRSTPARTY_KAFKA").asText());
        assertEquals("http://" + examples.named("Keycloak", "firstparty-keycloak").at("/metadata/name").asText()
                        + "-service:8080/realms/" + examples.named("KeycloakRealmImport", "firstparty-realm").at("/spec/realm/realm").asText(),
                settings.path("FIRSTPARTY_OIDC_URL").asText());
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Repository.ROOT.resolve("k8s/examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
