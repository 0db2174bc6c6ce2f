package io.firstparty.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonParseException;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a rendered object against the schema of its kind: the Kubernetes API models of the
 * official Java client for built-in kinds (parsing refuses unknown fields and missing required
 * ones), and the CustomResourceDefinitions of Strimzi, KEDA, the Prometheus operator, CloudNativePG
 * and the Keycloak operator, vendored under src/test/resources/crds, for theirs (unknown fields
 * refused as the API server's strict field validation does).
 */
final class ObjectValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Service", V1Service.class,
            "v1/ServiceAccount", V1ServiceAccount.class,
            "apps/v1/Deployment", V1Deployment.class,
            "batch/v1/Job", V1Job.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);

    private static final List<String> CRD_FILES = List.of(
            "crds/kafka.strimzi.io_kafkatopics.yaml",
            "crds/kafka.strimzi.io_kafkas.yaml",
            "crds/kafka.strimzi.io_kafkanodepools.yaml",
            "crds/kafka.strimzi.io_kafkausers.yaml",
            "crds/keda.sh_scaledobjects.yaml",
            "crds/monitoring.coreos.com_servicemonitors.yaml",
            "crds/postgresql.cnpg.io_clusters.yaml",
            "crds/postgresql.cnpg.io_databases.yaml",
            "crds/k8s.keycloak.org_keycloaks.yaml",
            "crds/k8s.keycloak.org_keycloakrealmimports.yaml");

    private final Map<String, JsonSchema> customResources;

    ObjectValidator() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        this.customResources = CRD_FILES.stream()
                .flatMap(file -> versionSchemas(read(file)).entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> factory.getSchema(e.getValue())));
    }

    /** The problems of one object; empty when it is valid. */
    List<String> problems(ObjectNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> model = BUILT_IN.get(type);
        if (model != null) {
            return modelProblems(object, model);
        }
        JsonSchema schema = customResources.get(type);
        if (schema == null) {
            return List.of("no schema known for " + type);
        }
        return schema.validate(object).stream().map(ValidationMessage::getMessage).toList();
    }

    Set<String> knownTypes() {
        return Set.copyOf(customResources.keySet());
    }

    private static List<String> modelProblems(ObjectNode object, Class<?> model) {
        try {
            JSON.deserialize(object.toString(), model);
            return List.of();
        } catch (JsonParseException | IllegalArgumentException e) {
            return List.of(Optional.ofNullable(e.getCause()).orElse(e).getMessage());
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ObjectValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** apiVersion/kind of each served version of a CRD, with its schema made strict. */
    private static Map<String, JsonNode> versionSchemas(JsonNode crd) {
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        Map<String, JsonNode> schemas = new HashMap<>();
        for (JsonNode version : crd.at("/spec/versions")) {
            if (version.path("served").asBoolean()) {
                ObjectNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
                refuseUnknownFields(schema);
                // The type and metadata of an object are the API server's to check, not the CRD schema's.
                ObjectNode properties = (ObjectNode) schema.get("properties");
                properties.set("apiVersion", YAML.createObjectNode().put("type", "string"));
                properties.set("kind", YAML.createObjectNode().put("type", "string"));
                properties.set("metadata", YAML.createObjectNode().put("type", "object"));
                schemas.put(group + "/" + version.path("name").asText() + "/" + kind, schema);
            }
        }
        return schemas;
    }

    /** Structural schemas prune unknown fields; strict validation refuses them, and so does this. */
    private static void refuseUnknownFields(JsonNode schema) {
        if (schema instanceof ObjectNode node) {
            if (node.has("properties") && !node.has("additionalProperties")
                    && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                node.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                refuseUnknownFields(children.next());
            }
        } else if (schema instanceof ArrayNode array) {
            array.forEach(ObjectValidator::refuseUnknownFields);
        }
    }
}
