package io.firstparty.consent.state.rest;

/**
 * Whether a purpose may be applied to one person, named by profile id or by any identifier
 * ({@code type:value}, e.g. {@code email:ada@example.com}, normalised as at ingestion).
 */
public record CheckRequest(String purpose, String profileId, String identifier) {
}
