package io.firstparty.consent.ledger.service;

import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.contracts.events.ConsentStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The append-only chains of ledger records, one per profile. */
@ApplicationScoped
public class Ledger {

    private final EntityManager entityManager;

    Ledger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Holds the chain until the transaction ends, so that concurrent changes for one person (from
     * any replica) append one after the other instead of forking the chain.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String profileId) {
        entityManager.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, profileId)
                .getSingleResult();
    }

    @Transactional
    public Optional<LedgerRecord> byEvidence(String evidenceKey) {
        return LedgerRecord.find("evidenceKey", evidenceKey).firstResultOptional();
    }

    /** Appends to a chain whose lock the caller holds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerRecord append(String profileId, NewRecord decision, int purposeVersion, ConsentStatus status,
                               boolean effective) {
        Optional<LedgerRecord> head = LedgerRecord.find("profileId = ?1 order by seq desc", profileId)
                .firstResultOptional();
        LedgerRecord record = new LedgerRecord();
        record.id = UUID.randomUUID();
        record.profileId = profileId;
        record.seq = head.map(previous -> previous.seq + 1).orElse(1);
        record.purposeCode = decision.purpose();
        record.purposeVersion = purposeVersion;
        record.action = decision.action();
        record.status = status;
        record.effective = effective;
        record.textVersion = decision.evidence().textVersion();
        record.textHash = decision.evidence().textHash();
        record.noticeVersion = decision.evidence().noticeVersion();
        record.channel = decision.channel();
        record.method = decision.method();
        record.source = decision.source();
        record.evidenceKey = decision.evidenceKey();
        record.derivedFrom = decision.derivedFrom();
        // The database keeps microseconds: the hash must cover what will be read back.
        record.occurredAt = decision.occurredAt().truncatedTo(ChronoUnit.MICROS);
        record.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record.prevHash = head.map(previous -> previous.hash).orElse(ChainHash.GENESIS);
        record.hash = ChainHash.of(record);
        record.persist();
        return record;
    }

    @Transactional
    public List<LedgerRecord> chain(String profileId) {
        return LedgerRecord.list("profileId", Sort.by("seq"), profileId);
    }

    /** The chains of a person and of the profiles merged into them, oldest record first. */
    @Transactional
    public List<LedgerRecord> history(List<String> profileIds) {
        return LedgerRecord.list("profileId in ?1", Sort.by("recordedAt").and("seq"), profileIds);
    }

    /** Deletes the chains of an erased person, leaving a content-free record that an erasure happened. */
    @Transactional
    public int erase(String person) {
        return ((Number) entityManager.createNativeQuery("SELECT erase_ledger(?1)")
                .setParameter(1, person).getSingleResult()).intValue();
    }
}
