package io.firstparty.consent.ledger.domain;

import io.firstparty.contracts.events.ConsentStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A decision to append to a person's chain.
 *
 * @param status       for merges, the status taken over; otherwise the action's own
 * @param skipIfUnchanged skip it (no record) when the person already stands there, as repeated SDK
 *                     preferences and privacy signals do on every request
 */
public record NewRecord(
        String purpose,
        ConsentAction action,
        ConsentStatus status,
        Instant occurredAt,
        Channel channel,
        String method,
        String source,
        String evidenceKey,
        Evidence evidence,
        UUID derivedFrom,
        boolean skipIfUnchanged) {

    /** What the person was shown. */
    public record Evidence(String textVersion, String textHash, String noticeVersion) {
        public static final Evidence NONE = new Evidence(null, null, null);
    }

    public static NewRecord decision(String purpose, ConsentAction action, Instant occurredAt, Channel channel,
                                     String method, String source, String evidenceKey, Evidence evidence) {
        return new NewRecord(purpose, action, action.status(), occurredAt, channel, method, source, evidenceKey,
                evidence, null, false);
    }

    /** The same decision for another holder of the identifier it came for, under evidence of its own. */
    public NewRecord forAnotherHolder(String person) {
        return new NewRecord(purpose, action, status, occurredAt, channel, method, source, evidenceKey + ":" + person,
                evidence, derivedFrom, skipIfUnchanged);
    }

    public NewRecord whenChanged() {
        return new NewRecord(purpose, action, status, occurredAt, channel, method, source, evidenceKey, evidence,
                derivedFrom, true);
    }
}
