package io.firstparty.ingestion.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracking SDKs of {@code src/test/sdk-clients}, as brands install them from the npm registry,
 * at the versions of the committed lock file, once per build, into {@code target/sdk-clients}.
 */
public final class SdkClients {

    private static final Path SOURCES = Path.of("src/test/sdk-clients");
    private static final Path INSTALLED = Path.of("target/sdk-clients");
    private static boolean ready;

    private SdkClients() {
    }

    /** The folder holding the scripts and their {@code node_modules}, installed on first use. */
    public static synchronized Path directory() {
        if (!ready) {
            install();
            ready = true;
        }
        return INSTALLED;
    }

    /** Runs a command in the clients' folder and returns what it printed; fails the test if it exits non-zero. */
    public static String run(Duration timeout, String... command) {
        return runIn(directory(), timeout, command);
    }

    private static void install() {
        try {
            Files.createDirectories(INSTALLED);
            boolean unchanged = Files.exists(INSTALLED.resolve("node_modules/.package-lock.json"))
                    && Files.mismatch(SOURCES.resolve("package-lock.json"), INSTALLED.resolve("package-lock.json")) == -1;
            try (Stream<Path> files = Files.list(SOURCES)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, INSTALLED.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (!unchanged) {
                // Not `npm ci`: it insists on lock entries for optional native packages of other platforms
                // (macOS, Windows builds of msgpackr-extract), which npm leaves out of a lock made on Linux.
                runIn(INSTALLED, Duration.ofMinutes(5),
                        "npm", "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String runIn(Path directory, Duration timeout, String... command) {
        try {
            Path output = Files.createTempFile("sdk-client", ".log");
            Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            assertTrue(ended, String.join(" ", command) + " did not end within " + timeout + ":\n" + printed);
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + printed);
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
