package io.firstparty.consent.objection.service;

import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.ledger.service.Ledger;
import io.firstparty.consent.objection.domain.PendingObjection;
import io.firstparty.consent.people.service.People;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an objection goes when it names an identifier rather than a person: into the ledger of the
 * person holding the identifier, or, when nobody holds it yet, kept against the identifier's hash and
 * recorded for the person it is linked to later (as privacy signals wait for their profile). Either way
 * the same evidence is recorded once.
 */
@ApplicationScoped
public class PendingObjections {

    private final People people;
    private final Ledger ledger;
    private final ConsentRecorder recorder;
    private final EntityManager entityManager;

    PendingObjections(People people, Ledger ledger, ConsentRecorder recorder, EntityManager entityManager) {
        this.people = people;
        this.ledger = ledger;
        this.recorder = recorder;
        this.entityManager = entityManager;
    }

    /** What became of an objection: a ledger record, one kept waiting, or evidence already on record. */
    public record Outcome(UUID recordId, String person, boolean pending, boolean replayed) {
    }

    /** @param objection an {@link ConsentAction#OBJECT} decision */
    @Transactional
    public Outcome record(String identifierHash, NewRecord objection) {
        // Everyone holding the identifier objects: one address may be two people at two unlinked brands.
        List<String> holders = people.peopleOfHash(identifierHash);
        Outcome first = null;
        for (String person : holders) {
            NewRecord forPerson = first == null ? objection : objection.forAnotherHolder(person);
            ConsentRecorder.Recorded recorded = recorder.record(person, List.of(forPerson)).get(0);
            if (first == null) {
                first = new Outcome(recorded.record().id, person, false, recorded.replayed());
            }
        }
        if (first != null) {
            return first;
        }
        Optional<PendingObjection> waiting = waiting(objection.evidenceKey());
        if (waiting.isPresent()) {
            return new Outcome(waiting.get().id, null, true, true);
        }
        if (ledger.byEvidence(objection.evidenceKey()).isPresent()) {
            // Recorded for someone who has since been erased or unlinked: on record, not to be kept again.
            return new Outcome(ledger.byEvidence(objection.evidenceKey()).get().id, null, false, true);
        }
        UUID id = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO pending_objection (id, identifier_hash, purpose_code, occurred_at, channel, method,
                                                       source, evidence_key, text_version, text_hash, recorded_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, clock_timestamp())
                        ON CONFLICT (evidence_key) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, identifierHash)
                .setParameter(3, objection.purpose())
                .setParameter(4, objection.occurredAt())
                .setParameter(5, objection.channel().code())
                .setParameter(6, objection.method())
                .setParameter(7, objection.source())
                .setParameter(8, objection.evidenceKey())
                .setParameter(9, objection.evidence().textVersion())
                .setParameter(10, objection.evidence().textHash())
                .executeUpdate();
        if (inserted == 0) {
            return new Outcome(waiting(objection.evidenceKey()).map(p -> p.id).orElse(null), null, true, true);
        }
        return new Outcome(id, null, true, false);
    }

    /** Whether an objection is on record for this evidence: in a ledger or waiting for its person. */
    @Transactional
    public boolean onRecord(String evidenceKey) {
        return ledger.byEvidence(evidenceKey).isPresent() || waiting(evidenceKey).isPresent();
    }

    /** Whether an objection to the purpose waits for this identifier (a check by identifier before any link). */
    @Transactional
    public boolean waitingFor(String identifierHash, String purpose) {
        return PendingObjection.count("identifierHash = ?1 and purposeCode = ?2", identifierHash, purpose) > 0;
    }

    /** Records the objections that were waiting for any of these identifiers, now linked to the profile. */
    @Transactional
    public void applyWaiting(String profileId, Collection<String> identifierHashes) {
        if (identifierHashes.isEmpty()) {
            return;
        }
        List<PendingObjection> waiting =
                PendingObjection.list("identifierHash in ?1 order by occurredAt", identifierHashes);
        if (waiting.isEmpty()) {
            return;
        }
        recorder.record(profileId, waiting.stream().map(PendingObjections::decision).toList());
        PendingObjection.delete("id in ?1", waiting.stream().map(pending -> pending.id).toList());
    }

    /** Forgets the objections waiting for erased identifiers: they were the erased person's. */
    @Transactional
    /** @return how many waiting objections were deleted */
    public long forget(Collection<String> identifierHashes) {
        return identifierHashes.isEmpty() ? 0 : PendingObjection.delete("identifierHash in ?1", identifierHashes);
    }

    private static NewRecord decision(PendingObjection pending) {
        return NewRecord.decision(pending.purposeCode, ConsentAction.OBJECT, pending.occurredAt, pending.channel,
                pending.method, pending.source, pending.evidenceKey,
                new NewRecord.Evidence(pending.textVersion, pending.textHash, null));
    }

    private static Optional<PendingObjection> waiting(String evidenceKey) {
        return PendingObjection.find("evidenceKey", evidenceKey).firstResultOptional();
    }
}
