package io.firstparty.consent.campaigns.rest;

/** @param profileId the person the app displayed the notice to */
public record DisplayRequest(String profileId) {
}
