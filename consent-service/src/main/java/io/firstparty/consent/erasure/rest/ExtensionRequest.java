package io.firstparty.consent.erasure.rest;

/** @param reason why more time is needed, as told to the person */
public record ExtensionRequest(String reason) {
}
