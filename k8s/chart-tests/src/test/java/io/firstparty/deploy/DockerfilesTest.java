package io.firstparty.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service has its own Dockerfile, so any CI builds one with a plain `docker build`; they are
 * the same file but for the service's name and port, and this keeps them so.
 */
class DockerfilesTest {

    private static final Map<String, Integer> PORTS = Map.of(
            "ingestion-service", 8081, "profile-service", 8082, "segment-service", 8083, "consent-service", 8084);

    @Test
    void dockerfilesDifferOnlyInServiceAndPort() throws IOException {
        String reference = null;
        for (Map.Entry<String, Integer> service : PORTS.entrySet()) {
            String dockerfile = Files.readString(Repository.ROOT.resolve(service.getKey() + "/src/main/docker/Dockerfile"));
            assertTrue(dockerfile.contains("EXPOSE " + service.getValue() + "\n"), service.getKey() + " exposes another port");
            String generic = dockerfile.replace(service.getKey(), "SERVICE").replace(String.valueOf(service.getValue()), "PORT");
            if (reference == null) {
                reference = generic;
            }
            assertEquals(reference, generic, service.getKey() + "'s Dockerfile drifted from the others");
        }
    }
}
