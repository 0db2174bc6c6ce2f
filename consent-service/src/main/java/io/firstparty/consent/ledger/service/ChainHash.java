package io.firstparty.consent.ledger.service;

import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.persistence.Sha256;

import java.util.Objects;
import java.util.StringJoiner;

/** The SHA-256 that chains a record to the previous one: any change to a stored field breaks it. */
public final class ChainHash {

    /** The previous hash of a chain's first record. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(LedgerRecord record) {
        StringJoiner canonical = new StringJoiner("\n");
        for (Object field : new Object[] {record.id, record.profileId, record.seq, record.purposeCode,
                record.purposeVersion, record.action, record.status, record.effective, record.textVersion,
                record.textHash, record.noticeVersion, record.channel, record.method, record.source,
                record.evidenceKey, record.derivedFrom, record.occurredAt, record.recordedAt, record.prevHash}) {
            // Lengths make the encoding unambiguous whatever characters a field holds.
            String value = Objects.toString(field, "\u2205");
            canonical.add(value.length() + ":" + value);
        }
        return Sha256.hex(canonical.toString());
    }
}
