package io.firstparty.consent.requests.rest;

/** @param reason why more time is needed, as told to the person */
public record ExtensionBody(String reason) {
}
