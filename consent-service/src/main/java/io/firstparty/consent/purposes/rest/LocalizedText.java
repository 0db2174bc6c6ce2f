package io.firstparty.consent.purposes.rest;

/** The same text in the languages people are shown it in. */
public record LocalizedText(String en, String fr) {
}
