package io.firstparty.ingestion.domain;

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
        return new ConsentText(purpose, text, before == null ? 1 : before.version() + 1, Sha256.hex(text));
    }
}
