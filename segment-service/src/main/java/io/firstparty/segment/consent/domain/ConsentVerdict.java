package io.firstparty.segment.consent.domain;

import java.time.Instant;

/**
 * Whether a person's consent state allows a purpose, with what it rests on: the purpose's lawful
 * basis, the person's status on it, and the ledger entry that proves it.
 *
 * @param lawfulBasis null when the purpose is unknown here (then nothing is allowed)
 * @param status      null when the person has no decision on record
 */
public record ConsentVerdict(String purpose, boolean allowed, String lawfulBasis, String status, Instant statusSince,
                             Instant expiresAt, String evidenceId, Instant processingStartsAt, String reason) {
}
