package io.firstparty.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The exact label of a form's consent checkbox, as people see it, so the consent ledger can prove
 * what a person agreed to (GDPR Art. 7(1)).
 *
 * @param purpose the consent purpose the box names
 * @param version rises each time the label's text (or its purpose) changes
 * @param sha256  SHA-256 (hex) of the exact text, UTF-8
 */
public record ConsentText(String purpose, String text, int version, String sha256) {

    /** The label a box has now: the same version as before if nothing changed, the next one if it did. */
    public static ConsentText of(String purpose, String text, ConsentText before) {
        if (before != null && before.purpose().equals(purpose) && before.text().equals(text)) {
            return before;
        }
        return new ConsentText(purpose, text, before == null ? 1 : before.version() + 1, sha256(text));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
