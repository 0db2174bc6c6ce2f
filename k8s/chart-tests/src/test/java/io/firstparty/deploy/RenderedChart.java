package io.firstparty.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The chart rendered by Helm (helm-java carries Helm itself), as the objects it would install. */
record RenderedChart(String manifest, List<ObjectNode> objects) {

    static final String RELEASE = "firstparty";
    static final String NAMESPACE = "firstparty";
    /** The Kubernetes version of the API models the objects are validated against (client-java 27). */
    static final String KUBE_VERSION = "1.35.0";

    static final Map<String, Object> PLAIN_MANIFEST_VALUES = Map.of("kafka.topics.asHook", false);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Renders with the chart's defaults, then each values file in order, then each --set. */
    static RenderedChart render(List<Path> valuesFiles, Map<String, Object> sets) {
        return parse(template(valuesFiles, sets).call());
    }

    static RenderedChart defaults() {
        return render(List.of(), Map.of());
    }

    /** The default values as the plain manifests render them: the topic Job is an ordinary Job. */
    static RenderedChart plainManifests() {
        return with(PLAIN_MANIFEST_VALUES);
    }

    static RenderedChart production() {
        return render(List.of(Repository.PRODUCTION_VALUES), Map.of());
    }

    static RenderedChart with(Map<String, Object> sets) {
        return render(List.of(), sets);
    }

    /** The message Helm refuses these values with; fails the test when Helm renders them. */
    static String refusal(List<Path> valuesFiles, Map<String, Object> sets) {
        try {
            String manifest = template(valuesFiles, sets).call();
            throw new AssertionError("Helm rendered values it should refuse:\n" + manifest.substring(0, Math.min(400, manifest.length())));
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
    }

    private static TemplateCommand template(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand command = new Helm(Repository.CHART).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(command::withValuesFile);
        sets.forEach(command::set);
        return command;
    }

    static RenderedChart parse(String manifest) {
        List<ObjectNode> objects = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(manifest)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedChart(manifest, List.copyOf(objects));
    }

    Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(kind(kind));
    }

    ObjectNode named(String kind, String name) {
        return ofKind(kind).filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the rendered chart"));
    }

    static Predicate<JsonNode> kind(String kind) {
        return node -> node.path("kind").asText().equals(kind);
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }
}
