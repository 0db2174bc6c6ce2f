package io.firstparty.consent.selfservice.rest;

/**
 * What following a confirmation link did.
 *
 * @param status    {@code filed}; {@code nothing_held} for an objection of an address nobody holds
 * @param requestId the access, erasure or objection request filed (null when nothing was held)
 */
public record Confirmation(String type, String status, String requestId) {
}
