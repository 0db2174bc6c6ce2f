package io.firstparty.consent.purposes.service;

import io.firstparty.consent.purposes.rest.PurposeRequest;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a purpose definition must satisfy; every broken rule is reported at once. */
final class PurposeRules {

    static final int DEFAULT_LIFETIME_MONTHS = 13;
    static final int DEFAULT_REASK_MONTHS = 6;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    private static final int MAX_TEXT = 4000;
    private static final int MAX_NAME = 200;

    private PurposeRules() {
    }

    static LawfulBasis check(PurposeRequest request, boolean creating) {
        if (request == null) {
            throw new InvalidInputException("", "a purpose is required");
        }
        List<Violation> violations = new ArrayList<>();
        if (creating && (request.code() == null || !CODE.matcher(request.code()).matches())) {
            violations.add(new Violation("/code", "is required: lower-case letters, digits and _, 2 to 63 long"));
        }
        text(violations, "/name", request.name(), MAX_NAME);
        if (request.text() == null) {
            violations.add(new Violation("/text", "is required, with en and fr"));
        } else {
            text(violations, "/text/en", request.text().en(), MAX_TEXT);
            text(violations, "/text/fr", request.text().fr(), MAX_TEXT);
        }
        LawfulBasis basis = LawfulBasis.parse(request.lawfulBasis()).orElse(null);
        if (basis == null) {
            violations.add(new Violation("/lawfulBasis",
                    "must be one of consent, legitimate_interest, contract, legal_obligation"));
        }
        months(violations, "/consentLifetimeMonths", request.consentLifetimeMonths(), 1);
        months(violations, "/reaskDelayMonths", request.reaskDelayMonths(), 0);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return basis;
    }

    private static void text(List<Violation> violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else if (value.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
        }
    }

    private static void months(List<Violation> violations, String field, Integer value, int min) {
        if (value != null && (value < min || value > 120)) {
            violations.add(new Violation(field, "must be between " + min + " and 120 months"));
        }
    }
}
