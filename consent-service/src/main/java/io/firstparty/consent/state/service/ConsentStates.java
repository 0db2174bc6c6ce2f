package io.firstparty.consent.state.service;

import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.messaging.RecordPublisher;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.state.domain.ConsentState;
import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.PurposeDecision;
import io.firstparty.contracts.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current decision per person and purpose, derived from the ledger, and its publication: the
 * person's whole state on the compacted {@code firstparty.consent.changes}, keyed by profile.
 */
@ApplicationScoped
public class ConsentStates {

    private final RecordPublisher publisher;

    ConsentStates(RecordPublisher publisher) {
        this.publisher = publisher;
    }

    @Transactional
    public Optional<ConsentState> current(String person, String purpose) {
        return Optional.ofNullable(ConsentState.find(person, purpose));
    }

    @Transactional
    public List<ConsentState> of(String person) {
        return ConsentState.list("profileId = ?1 order by purposeCode", person);
    }

    /** Makes the record the person's current decision on its purpose (none, for an undone merge that left none). */
    @Transactional
    public void apply(String person, Purpose purpose, LedgerRecord record) {
        ConsentState state = ConsentState.find(person, purpose.code);
        if (record.status == null) {
            if (state != null) {
                state.delete();
            }
            return;
        }
        boolean first = state == null;
        if (first) {
            state = new ConsentState();
            state.profileId = person;
            state.purposeCode = purpose.code;
        }
        state.status = record.status;
        state.statusSince = record.occurredAt;
        state.expiresAt = record.status == ConsentStatus.GRANTED ? purpose.consentExpiry(record.occurredAt) : null;
        state.recordId = record.id;
        if (first) {
            state.persist();
        }
    }

    @Transactional
    /** @return how many states were deleted */
    public long forget(List<String> profileIds) {
        return ConsentState.delete("profileId in ?1", profileIds);
    }

    /** Publishes the person's whole state; called while their chain is locked, before the commit. */
    @Transactional
    public void publish(String person, String changedPurpose) {
        Map<String, PurposeDecision> decisions = new LinkedHashMap<>();
        of(person).forEach(state -> decisions.put(state.purposeCode, state.decision()));
        publisher.publish(Topics.CONSENT_CHANGES, new ConsentStateChanged(ConsentStateChanged.CURRENT_VERSION,
                person, decisions, changedPurpose, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        if (changedPurpose != null) {
            ConsentState.update("publishedAt = ?1 where profileId = ?2 and purposeCode = ?3",
                    Instant.now().truncatedTo(ChronoUnit.MICROS), person, changedPurpose);
        }
    }

    /** The person is gone: compaction keeps only this empty record of them. */
    public void publishErased(String profileId) {
        publisher.tombstone(Topics.CONSENT_CHANGES, profileId);
    }
}
