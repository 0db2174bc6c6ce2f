package io.firstparty.contracts.events;

import java.time.Instant;

/**
 * A person's standing on one purpose, with its status dates.
 *
 * @param statusSince when the status took effect
 * @param expiresAt   when a granted consent lapses, or null
 * @param evidenceId  the ledger entry proving it
 */
public record PurposeDecision(ConsentStatus status, Instant statusSince, Instant expiresAt, String evidenceId) {
}
