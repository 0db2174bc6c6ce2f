package io.firstparty.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * k8s/manifests/firstparty.yaml is the chart rendered with its defaults, for teams without Helm.
 * `./firstparty manifests` writes it again (it runs this test with firstparty.manifests.update=true).
 */
class PlainManifestsTest {

    private static final String HEADER = """
            # firstparty as plain Kubernetes manifests: the Helm chart k8s/firstparty rendered with its default
            # values (release "firstparty"; the topic Job as an ordinary Job, since no Helm runs its hooks).
            # Do not edit: change the chart and run ./firstparty manifests.
            # Apply in the namespace of your choice: kubectl apply -n firstparty -f k8s/manifests/firstparty.yaml
            """;

    @Test
    void plainManifestsAreTheChartRenderedWithItsDefaults() throws IOException {
        String rendered = HEADER + RenderedChart.plainManifests().manifest();
        if (Boolean.getBoolean("firstparty.manifests.update")) {
            Files.createDirectories(Repository.PLAIN_MANIFESTS.getParent());
            Files.writeString(Repository.PLAIN_MANIFESTS, rendered);
        }
        String committed = Files.exists(Repository.PLAIN_MANIFESTS) ? Files.readString(Repository.PLAIN_MANIFESTS) : "";
        assertEquals(rendered, committed, "k8s/manifests/firstparty.yaml differs from the chart: run ./firstparty manifests");
    }
}
