package io.firstparty.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong values fail at install time with a message that names the value (values.schema.json and the templates' checks). */
class ChartValuesRefusedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "wrong-type.yaml            | /services/profile/replicas       | got string, want integer",
            "missing-database-host.yaml | /database/host                   | minLength: got 0, want 1",
            "no-replicas.yaml           | /services/segment/autoscaling/minReplicas | minimum: got 0, want 1",
            "beyond-partitions.yaml     | /defaults/autoscaling/maxReplicas | maximum: got 24, want 12",
            "inline-password.yaml       | /database                        | additional properties 'password' not allowed",
            "both-autoscalers.yaml      | services.profile.keda.enabled    | services.profile.autoscaling.enabled",
    })
    void refusedNamingTheValue(String valuesFile, String namedValue, String rule) throws URISyntaxException {
        Path values = Path.of(ChartValuesRefusedTest.class.getResource("/values/" + valuesFile).toURI());
        String message = RenderedChart.refusal(List.of(values), Map.of());
        assertTrue(message.contains(namedValue), () -> "message does not name " + namedValue + ": " + message);
        assertTrue(message.contains(rule), () -> "message does not state '" + rule + "': " + message);
    }
}
