package io.firstparty.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds the ingestion-service image with `./firstparty images` (which makes the JRE base image
 * first on a machine that has none) and starts it, as `up --containers` does, against the test
 * broker and the test database, until it answers ready.
 */
class ServiceImageTest {

    private static final String SERVICE = "ingestion-service";
    private static final String TAG = "test";
    private static final String IMAGE = "localhost/firstparty/" + SERVICE + ":" + TAG;
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final String CONTAINER = "firstparty-image-test-" + UUID.randomUUID().toString().substring(0, 8);

    private static Path log;

    @BeforeAll
    static void buildImage() throws Exception {
        log = Files.createTempFile("firstparty-images", ".log");
        ProcessBuilder images = new ProcessBuilder("./firstparty", "images", "--no-build", SERVICE)
                .directory(Repository.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        images.environment().put("FIRSTPARTY_IMAGE_TAG", TAG);
        int exit = images.start().waitFor();
        assertEquals(0, exit, () -> "./firstparty images failed:\n" + read(log));
    }

    @AfterAll
    static void removeContainer() throws Exception {
        podman("rm", "-f", "--ignore", CONTAINER);
    }

    @Test
    void imageRunsAsNonRootWithAHealthCheck() throws Exception {
        String config = podman("image", "inspect", "--format", "{{.Config.User}} {{.Config.Healthcheck.Test}}", IMAGE);
        assertTrue(config.startsWith("185:185 "), config);
        assertTrue(config.contains("/q/health/ready"), config);
    }

    @Test
    void containerBecomesReadyAgainstTheTestBrokerAndDatabase() throws Exception {
        int port = freePort();
        String database = env("FIRSTPARTY_TEST_DB_PREFIX", "firstparty_test") + "_ingestion";
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", CONTAINER, "--network", "host",
                "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096", "--read-only", "--tmpfs", "/tmp"));
        Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "FIRSTPARTY_KAFKA", env("FIRSTPARTY_TEST_KAFKA", "localhost:19092"),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                .forEach((name, value) -> run.addAll(List.of("-e", name + "=" + value)));
        run.add(IMAGE);
        podman(run.toArray(String[]::new));

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        int status = 0;
        String body = "";
        while (status != 200 && System.nanoTime() < deadline && running()) {
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
            } catch (IOException notListeningYet) {
                status = 0;
            }
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        String lastBody = body;
        assertEquals(200, status, () -> "not ready: " + lastBody + "\n" + logs());
        assertTrue(body.contains("\"status\": \"UP\""), body);
        // The paths of the chart's startup and liveness probes answer too.
        for (String probe : List.of("/q/health/started", "/q/health/live")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe)).timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), () -> probe + ": " + answer.body() + "\n" + logs());
        }
        // The image's own HEALTHCHECK (podman runs it on demand here: no systemd timers) agrees.
        podman("healthcheck", "run", CONTAINER);
    }

    private static boolean running() throws Exception {
        return podman("inspect", "--format", "{{.State.Running}}", CONTAINER).strip().equals("true");
    }

    private static String logs() {
        try {
            return podman("logs", "--tail", "40", CONTAINER);
        } catch (Exception e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    /** podman as this machine allows it (the flags of platform/lib/containers.sh). */
    private static String podman(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman", "--cgroup-manager=cgroupfs", "--runtime", "runc",
                "--events-backend=file"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "):\n" + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable log " + file + ")";
        }
    }
}
