package io.firstparty.contracts.events;

import java.util.Objects;

/**
 * What a person was shown when they ticked (or left unticked) a consent box, so the consent ledger
 * can prove it (GDPR Art. 7(1)): the purpose, the version of the label text and its SHA-256.
 *
 * @param purpose     the consent purpose the box names, e.g. {@code email_marketing}
 * @param granted     whether the box was ticked
 * @param textVersion the version of the label text the brand configured
 * @param textHash    SHA-256 (hex) of the exact label text shown
 * @param method      how it was collected, e.g. {@code web_form}
 */
public record ConsentEvidence(String purpose, boolean granted, String textVersion, String textHash, String method) {

    public ConsentEvidence {
        Objects.requireNonNull(purpose, "purpose");
    }
}
