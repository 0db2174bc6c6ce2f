package io.firstparty.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart README lists every value of values.yaml with its default. */
class ChartReadmeTest {

    @Test
    void everyValueIsListedWithItsDefault() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Repository.CHART.resolve("values.yaml").toFile());
        String readme = Files.readString(Repository.CHART.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        leaves("", values, (path, value) -> {
            String row = "| `" + path + "` | `" + inline(value) + "` |";
            if (!readme.contains(row)) {
                missing.add(row);
            }
        });
        assertTrue(missing.isEmpty(), () -> "README.md lacks these rows (value, default):\n" + String.join("\n", missing));
    }

    /** A JSON rendering on one line, as the README shows defaults. */
    static String inline(JsonNode value) {
        return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    }

    /** Visits every leaf: scalars, lists and empty maps. */
    static void leaves(String prefix, JsonNode node, java.util.function.BiConsumer<String, JsonNode> visitor) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                leaves(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), visitor);
            }
        } else {
            visitor.accept(prefix, node);
        }
    }
}
