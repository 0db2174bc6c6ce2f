package io.firstparty.consent.objection.rest;

/**
 * @param purpose  a legitimate-interest purpose
 * @param language {@code fr} or {@code en}: the language the form will speak
 */
public record ObjectionLinkRequest(String purpose, String language) {
}
