package io.firstparty.consent.state.service;

import io.firstparty.contracts.events.ConsentStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a purpose may be applied to a person, why, and the ledger record behind the answer.
 *
 * @param profileId the profile asked about (or the one an identifier led to)
 * @param person    the profile that holds the person's consent (differs after a merge)
 * @param reason    granted, no_objection, no_record, unknown_person, expired, refused, withdrawn, objected,
 *                  notice_period (a legitimate interest whose notice period has not ended: no one yet)
 * @param processingStartsAt when a legitimate interest under a notice campaign may be applied
 */
public record Verdict(
        String profileId,
        String person,
        String purpose,
        boolean allowed,
        String reason,
        ConsentStatus status,
        UUID recordId,
        Instant statusSince,
        Instant expiresAt,
        Instant processingStartsAt) {
}
