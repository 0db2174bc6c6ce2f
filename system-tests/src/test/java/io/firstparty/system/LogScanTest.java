package io.firstparty.system;

import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Logs;
import io.firstparty.system.platform.Sensitive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs last: the logs of the whole run (every service, the broker, Keycloak, GreenMail) contain no
 * token, write key, e-mail address or phone number that the tests handed to the platform, and the
 * services' logs no e-mail address or phone number at all.
 */
@Order(Integer.MAX_VALUE)
class LogScanTest {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{10,14}\\b");

    @Test
    void noPersonalDataOrCredentialInAnyLog() {
        LocalPlatform platform = LocalPlatform.get();
        List<String> findings = new ArrayList<>();
        List<Path> logs = platform.logs();
        assertTrue(logs.size() >= 7, "expected the logs of the four services and the infrastructure: " + logs);
        for (Path log : logs) {
            // The SMTP server stands in for people's mailboxes: it receives their addresses by design.
            if (log.getFileName().toString().startsWith("greenmail")) {
                continue;
            }
            boolean serviceLog = log.getFileName().toString().endsWith("-service.log");
            List<String> lines = Logs.lines(log);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (String value : Sensitive.values()) {
                    if (line.contains(value)) {
                        findings.add(log.getFileName() + ":" + (i + 1) + " holds a value the tests marked sensitive");
                    }
                }
                if (serviceLog && (EMAIL.matcher(line).find() || PHONE.matcher(line).find())) {
                    findings.add(log.getFileName() + ":" + (i + 1) + " holds an e-mail address or a phone number");
                }
            }
        }
        assertFalse(Sensitive.values().isEmpty(), "the tests marked nothing as sensitive: the scan would prove nothing");
        assertTrue(findings.isEmpty(), String.join("\n", findings));
    }
}
