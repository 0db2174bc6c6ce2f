package io.firstparty.consent.purposes.rest;

/**
 * A purpose as a privacy officer writes it. {@code code} is only read on creation; omitted numbers
 * take the CNIL defaults (a consent lasts 13 months; a refusal is not asked again within 6).
 */
public record PurposeRequest(
        String code,
        String name,
        String lawfulBasis,
        LocalizedText text,
        Integer consentLifetimeMonths,
        Integer reaskDelayMonths) {
}
