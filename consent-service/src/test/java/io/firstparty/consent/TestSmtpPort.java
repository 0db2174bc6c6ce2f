package io.firstparty.consent;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;

/**
 * The SMTP port of the tests' GreenMail: 23025 plus the working tree's port offset (or
 * FIRSTPARTY_TEST_SMTP_PORT), so builds of several working trees on one machine never share it.
 */
public class TestSmtpPort implements ConfigSource {

    static final String PROPERTY = "firstparty.test.smtp-port";

    public static int port() {
        String explicit = System.getenv("FIRSTPARTY_TEST_SMTP_PORT");
        if (explicit != null && !explicit.isBlank()) {
            return Integer.parseInt(explicit.trim());
        }
        String offset = System.getenv("FIRSTPARTY_SYSTEM_PORT_OFFSET");
        return 23025 + (offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.trim()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? Integer.toString(port()) : null;
    }

    @Override
    public String getName() {
        return "firstparty-test-smtp-port";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
