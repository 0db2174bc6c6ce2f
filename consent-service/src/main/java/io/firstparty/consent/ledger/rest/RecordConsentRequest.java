package io.firstparty.consent.ledger.rest;

import java.time.Instant;

/**
 * A consent decision collected outside firstparty (a paper form, a call centre, an import), with its evidence.
 *
 * @param action      grant, refuse, withdraw or object
 * @param textVersion the purpose's text version the person was shown; the current one when omitted
 * @param textHash    SHA-256 of that text, in the language shown: it must match the purpose's text
 * @param evidenceRef the brand's own reference for the evidence (scan id, call id): recording it twice changes nothing
 */
public record RecordConsentRequest(
        String purpose,
        String action,
        Instant occurredAt,
        String channel,
        String method,
        Integer textVersion,
        String textHash,
        String evidenceRef) {
}
