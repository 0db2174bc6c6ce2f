package io.firstparty.consent.access.rest;

/**
 * @param right      {@code access} (Art. 15, the default) or {@code portability} (Art. 20)
 * @param profileId  the person's profile id, or
 * @param identifier any identifier they hold, {@code type:value} (e.g. {@code email:ada@example.com})
 */
public record AccessRequestBody(String right, String profileId, String identifier) {
}
