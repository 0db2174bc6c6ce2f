package io.firstparty.segment.consent.repository;

import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.PurposeDecision;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.segment.consent.domain.ConsentVerdict;
import io.firstparty.segment.consent.domain.ReplicatedPurpose;
import io.firstparty.segment.rules.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local replica of the consent service's compacted topics, and the one definition of what
 * consent allows: every list, count, export and explanation uses {@link #allows}.
 */
@ApplicationScoped
public class ConsentRepository {

    private final DataSource dataSource;

    ConsentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * True when the person whose id is {@code profileIdColumn} may be processed for the purpose:
     * the purpose is known and its processing has started; under consent, a granted and unexpired
     * decision; under any other basis, no objection. No state means no under consent.
     */
    public static Sql allows(String profileIdColumn, String purpose) {
        return new Sql().append("EXISTS (SELECT 1 FROM consent_purpose pu LEFT JOIN consent_state c ON c.profile_id = ")
                .append(profileIdColumn).append(" AND c.purpose = pu.code WHERE pu.code = ").param(purpose)
                .append(" AND (pu.processing_starts_at IS NULL OR pu.processing_starts_at <= now())")
                .append(" AND CASE WHEN pu.lawful_basis = 'consent'")
                .append(" THEN c.status = 'granted' AND (c.expires_at IS NULL OR c.expires_at > now())")
                .append(" ELSE c.status IS DISTINCT FROM 'objected' END)");
    }

    public boolean purposeExists(String code) throws SQLException {
        return !new Sql().append("SELECT 1 FROM consent_purpose WHERE code = ").param(code).list(dataSource, row -> true).isEmpty();
    }

    /** The purpose as replicated here, or empty when the consent service has not defined it. */
    public Optional<ReplicatedPurpose> purpose(String code) throws SQLException {
        return new Sql().append("SELECT code, lawful_basis, version, processing_starts_at FROM consent_purpose WHERE code = ")
                .param(code).list(dataSource, row -> new ReplicatedPurpose(row.getString(1), row.getString(2), row.getInt(3),
                        instant(row.getTimestamp(4)))).stream().findFirst();
    }

    public void definePurpose(PurposeDefined purpose) throws SQLException {
        Sql sql = new Sql().append("INSERT INTO consent_purpose (code, lawful_basis, version, processing_starts_at) VALUES (")
                .param(purpose.code()).append(", ").param(purpose.lawfulBasis().code()).append(", ")
                .param(purpose.version()).append(", ").param(purpose.processingStartsAt(), "timestamptz")
                .append(") ON CONFLICT (code) DO UPDATE SET lawful_basis = excluded.lawful_basis,")
                .append(" version = excluded.version, processing_starts_at = excluded.processing_starts_at");
        execute(sql);
    }

    public void retirePurpose(String code) throws SQLException {
        execute(new Sql().append("DELETE FROM consent_purpose WHERE code = ").param(code));
    }

    /** Replaces the person's whole state; a null state (a tombstone) removes it. */
    public void replaceState(String profileId, ConsentStateChanged state) throws SQLException {
        execute(new Sql().append("DELETE FROM consent_state WHERE profile_id = ").param(profileId));
        if (state == null) {
            return;
        }
        for (Map.Entry<String, PurposeDecision> decision : state.purposes().entrySet()) {
            PurposeDecision value = decision.getValue();
            execute(new Sql().append("INSERT INTO consent_state (profile_id, purpose, status, status_since, expires_at, evidence_id) VALUES (")
                    .param(profileId).append(", ").param(decision.getKey()).append(", ")
                    .param(value.status() == null ? "denied" : value.status().code()).append(", ")
                    .param(value.statusSince(), "timestamptz").append(", ").param(value.expiresAt(), "timestamptz")
                    .append(", ").param(value.evidenceId()).append(")"));
        }
    }

    /** Records that the replica has applied each partition up to (excluding) the given offset. */
    public void advance(Map<Integer, Long> nextOffsets) throws SQLException {
        for (Map.Entry<Integer, Long> partition : nextOffsets.entrySet()) {
            execute(new Sql().append("INSERT INTO consent_replica_position (topic_partition, next_offset) VALUES (")
                    .param(partition.getKey()).append(", ").param(partition.getValue())
                    .append(") ON CONFLICT (topic_partition) DO UPDATE SET next_offset =")
                    .append(" GREATEST(consent_replica_position.next_offset, excluded.next_offset)"));
        }
    }

    /** How far the replica has applied each partition it has seen. */
    public Map<Integer, Long> positions() throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        new Sql().append("SELECT topic_partition, next_offset FROM consent_replica_position")
                .list(dataSource, row -> Map.entry(row.getInt(1), row.getLong(2)))
                .forEach(position -> positions.put(position.getKey(), position.getValue()));
        return positions;
    }

    public ConsentVerdict verdict(String profileId, String purpose) throws SQLException {
        Sql sql = new Sql().append("SELECT ").append(allows("q.profile_id", purpose))
                .append(", pu.lawful_basis, pu.processing_starts_at, c.status, c.status_since, c.expires_at, c.evidence_id")
                .append(" FROM (SELECT CAST(").param(profileId).append(" AS text) AS profile_id, CAST(").param(purpose)
                .append(" AS text) AS code) q LEFT JOIN consent_purpose pu ON pu.code = q.code")
                .append(" LEFT JOIN consent_state c ON c.profile_id = q.profile_id AND c.purpose = q.code");
        return sql.one(dataSource, row -> {
            boolean allowed = row.getBoolean(1);
            String basis = row.getString(2);
            Instant startsAt = instant(row.getTimestamp(3));
            String status = row.getString(4);
            Instant expiresAt = instant(row.getTimestamp(6));
            return new ConsentVerdict(purpose, allowed, basis, status, instant(row.getTimestamp(5)), expiresAt,
                    row.getString(7), startsAt, reason(allowed, basis, status, startsAt, expiresAt));
        });
    }

    private static String reason(boolean allowed, String basis, String status, Instant startsAt, Instant expiresAt) {
        if (basis == null) {
            return "the purpose is not known to the consent ledger: nothing is processed for it";
        }
        if (startsAt != null && startsAt.isAfter(Instant.now())) {
            return "processing for this purpose starts only at " + startsAt + ", after its notice period";
        }
        if ("consent".equals(basis)) {
            if (status == null) {
                return "the purpose rests on consent and no consent is on record";
            }
            return allowed ? "consent was granted" + (expiresAt != null ? " until " + expiresAt : "")
                    : "the purpose rests on consent and the person's status is " + status
                    + ("granted".equals(status) ? ", expired at " + expiresAt : "");
        }
        return allowed ? "the purpose rests on " + basis.replace('_', ' ') + " and the person has not objected"
                : "the person objected to this purpose";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void execute(Sql sql) throws SQLException {
        sql.update(dataSource);
    }
}
