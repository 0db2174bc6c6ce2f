package io.firstparty.consent.access.rest;

/** @param reason why more time is needed, as told to the person */
public record ExtensionBody(String reason) {
}
