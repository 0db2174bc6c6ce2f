package io.firstparty.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * axe-core, the accessibility engine, as the npm registry serves it at the version of the committed
 * lock file ({@code src/test/a11y}), installed once per build into {@code target/a11y} and run inside
 * the page a browser shows, against WCAG 2.1 A and AA.
 */
final class Axe {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final Path SOURCES = Path.of("src/test/a11y");
    private static final Path INSTALLED = Path.of("target/a11y");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String script;

    private Axe() {
    }

    /** The violations axe finds in the page the browser shows now, as axe reports them (an array). */
    static JsonNode violations(JavascriptExecutor browser) {
        browser.executeScript(script());
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                    .then(results => done(JSON.stringify({ran: results.passes.length + results.violations.length
                            + results.incomplete.length + results.inapplicable.length, violations: results.violations})))
                    .catch(error => done(JSON.stringify({error: String(error)})));
                """, WCAG_21_AA);
        try {
            JsonNode report = JSON.readTree((String) result);
            assertTrue(report.path("error").isMissingNode(), "axe failed: " + report);
            assertTrue(report.path("ran").asInt() > 0, "axe ran no rule: " + report);
            return report.path("violations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each violation with its rule, impact, help and the elements it found, to print on failure. */
    static String describe(JsonNode violations) {
        StringBuilder text = new StringBuilder();
        for (JsonNode violation : violations) {
            text.append(violation.path("id").asText()).append(" (").append(violation.path("impact").asText())
                    .append("): ").append(violation.path("help").asText()).append('\n');
            for (JsonNode node : violation.path("nodes")) {
                text.append("    ").append(node.path("html").asText()).append("\n      ")
                        .append(node.path("failureSummary").asText().replace("\n", "\n      ")).append('\n');
            }
        }
        return text.toString();
    }

    private static synchronized String script() {
        if (script == null) {
            install();
            try {
                script = Files.readString(INSTALLED.resolve("node_modules/axe-core/axe.min.js"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    private static void install() {
        try {
            Files.createDirectories(INSTALLED);
            boolean unchanged = Files.exists(INSTALLED.resolve("node_modules/axe-core/axe.min.js"))
                    && Files.exists(INSTALLED.resolve("package-lock.json"))
                    && Files.mismatch(SOURCES.resolve("package-lock.json"), INSTALLED.resolve("package-lock.json")) == -1;
            for (String file : List.of("package.json", "package-lock.json")) {
                Files.copy(SOURCES.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!unchanged) {
                run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) {
        try {
            Path output = Files.createTempFile("a11y", ".log");
            Process process = new ProcessBuilder(command).directory(INSTALLED.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            assertTrue(ended, String.join(" ", command) + " did not end in 5 minutes:\n" + printed);
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
