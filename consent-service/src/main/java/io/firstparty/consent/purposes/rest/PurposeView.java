package io.firstparty.consent.purposes.rest;

import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.contracts.events.LawfulBasis;

import java.time.Instant;

/**
 * A purpose with its current text and the SHA-256 of each language's text, which forms and
 * evidence quote to prove what the person saw.
 *
 * @param processingStartsAt for a legitimate interest under a notice campaign, when processing may start
 */
public record PurposeView(
        String code,
        String name,
        LawfulBasis lawfulBasis,
        int version,
        LocalizedText text,
        LocalizedText textHash,
        int consentLifetimeMonths,
        int reaskDelayMonths,
        Instant updatedAt,
        Instant processingStartsAt) {

    public static PurposeView of(Purpose purpose, PurposeText text) {
        return new PurposeView(purpose.code, purpose.name, purpose.lawfulBasis, purpose.version,
                new LocalizedText(purpose.textEn, purpose.textFr), new LocalizedText(text.hashEn, text.hashFr),
                purpose.consentLifetimeMonths, purpose.reaskDelayMonths, purpose.updatedAt, purpose.processingStartsAt);
    }
}
