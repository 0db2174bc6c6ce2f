package io.firstparty.consent.ledger.rest;

import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.contracts.events.ConsentStatus;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A ledger record as the API shows it.
 *
 * @param effective false for a recorded no-op (a withdrawal of nothing, a decision older than the current one)
 * @param replayed  true when the request repeated evidence already on record: nothing new was written
 */
public record LedgerEntry(
        UUID id,
        String profileId,
        int seq,
        String purpose,
        int purposeVersion,
        String action,
        ConsentStatus status,
        boolean effective,
        boolean replayed,
        String textVersion,
        String textHash,
        String noticeVersion,
        Channel channel,
        String method,
        String source,
        String evidence,
        UUID derivedFrom,
        Instant occurredAt,
        Instant recordedAt,
        String prevHash,
        String hash) {

    public static LedgerEntry of(LedgerRecord record, boolean replayed) {
        return new LedgerEntry(record.id, record.profileId, record.seq, record.purposeCode, record.purposeVersion,
                code(record.action), record.status, record.effective, replayed, record.textVersion, record.textHash,
                record.noticeVersion, record.channel, record.method, record.source, record.evidenceKey,
                record.derivedFrom, record.occurredAt, record.recordedAt, record.prevHash, record.hash);
    }

    public static LedgerEntry of(ConsentRecorder.Recorded recorded) {
        return of(recorded.record(), recorded.replayed());
    }

    private static String code(ConsentAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}
