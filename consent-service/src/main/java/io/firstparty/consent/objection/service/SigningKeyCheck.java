package io.firstparty.consent.objection.service;

import io.firstparty.consent.config.ConsentConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * In production (the {@code prod} profile) the service does not start with a link signing key (for
 * objection links, and for people's own requests) anyone could know: the local default, a well-known
 * demo value, or one shorter than 32 bytes. The log names the setting and what is wrong with it,
 * never its value.
 */
@ApplicationScoped
public class SigningKeyCheck {

    private static final Logger LOG = Logger.getLogger(SigningKeyCheck.class);

    static final String SETTING = "firstparty.consent.objection.secret (environment variable FIRSTPARTY_OBJECTION_SECRET)";
    static final String PERSON_REQUEST_SETTING =
            "firstparty.consent.person-requests.secret (FIRSTPARTY_PERSON_REQUEST_SECRET, else the objection key)";
    public static final int MIN_BYTES = 32;
    /** The value application.properties falls back to, and values demos and examples tend to use. */
    private static final Set<String> KNOWN = Set.of("local-objection-links-only", "changeme", "change-me", "change_me",
            "secret", "demo", "default", "password", "test", "example", "firstparty");

    void onStart(@Observes StartupEvent started, ConsentConfig config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        refuseWeak(SETTING, config.objection().secret(), "personal objection links");
        refuseWeak(PERSON_REQUEST_SETTING, config.personRequests().secret(), "links of people's own requests");
    }

    private static void refuseWeak(String setting, String secret, String signed) {
        Optional<String> weakness = weakness(secret);
        if (weakness.isPresent()) {
            String message = setting + " " + weakness.get() + ": " + signed + " signed with it could be forged."
                    + " Set it to a random key of at least " + MIN_BYTES + " bytes (e.g. openssl rand -base64 48)";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** What makes a signing key unfit for production, if anything. */
    public static Optional<String> weakness(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("is not set");
        }
        String lower = secret.trim().toLowerCase(Locale.ROOT);
        if (KNOWN.contains(lower) || lower.startsWith("local-") || lower.contains("demo") || lower.contains("change")) {
            return Optional.of("is left at a default or demo value");
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            return Optional.of("is shorter than " + MIN_BYTES + " bytes");
        }
        return Optional.empty();
    }
}
