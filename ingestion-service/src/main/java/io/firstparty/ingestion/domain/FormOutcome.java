package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.Violation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What became of a form submission: accepted (on Kafka, or answered as such), or rejected with the
 * rules it broke, each naming the form field (the failure is kept among the failed events).
 */
public record FormOutcome(String thankYouUrl, List<Violation> violations) {

    public FormOutcome {
        violations = List.copyOf(violations);
    }

    public static FormOutcome accepted(String thankYouUrl) {
        return new FormOutcome(thankYouUrl, List.of());
    }

    public boolean accepted() {
        return violations.isEmpty();
    }

    /**
     * Where a browser without JavaScript goes next: the thank-you page, with {@code error=<field>}
     * added when the submission broke a rule, so the page can say which field to fix.
     */
    public String redirect() {
        if (accepted()) {
            return thankYouUrl;
        }
        int hash = thankYouUrl.indexOf('#');
        String beforeFragment = hash < 0 ? thankYouUrl : thankYouUrl.substring(0, hash);
        String fragment = hash < 0 ? "" : thankYouUrl.substring(hash);
        String field = violations.get(0).field().replaceFirst("^/", "");
        return beforeFragment + (beforeFragment.contains("?") ? "&" : "?") + "error="
                + URLEncoder.encode(field, StandardCharsets.UTF_8) + fragment;
    }
}
