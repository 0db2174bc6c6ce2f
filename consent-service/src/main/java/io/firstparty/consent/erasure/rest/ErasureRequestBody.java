package io.firstparty.consent.erasure.rest;

/**
 * @param profileId  the person's profile id, or
 * @param identifier any identifier they hold, {@code type:value} (e.g. {@code email:ada@example.com})
 */
public record ErasureRequestBody(String profileId, String identifier) {
}
