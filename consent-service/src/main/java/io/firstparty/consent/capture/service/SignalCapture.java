package io.firstparty.consent.capture.service;

import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.people.domain.PendingSignal;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.PrivacySignal;
import io.firstparty.contracts.identity.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Privacy signals (GDPR Art. 21(5): objecting by automated means). A Global Privacy Control signal
 * objects to every legitimate-interest purpose and refuses every consent-based one. A signal for an
 * identifier no profile holds yet is kept and applied when the profile service links it; one that
 * several people hold (the same address at two brands) applies to each of them.
 */
@ApplicationScoped
public class SignalCapture {

    private final People people;
    private final ConsentRecorder recorder;

    SignalCapture(People people, ConsentRecorder recorder) {
        this.people = people;
        this.recorder = recorder;
    }

    @Transactional
    public void onSignal(ObjectionSignalled signal) {
        Set<String> holders = new LinkedHashSet<>();
        signal.identifiers().forEach(identifier -> holders.addAll(people.peopleOf(identifier)));
        if (!holders.isEmpty()) {
            holders.forEach(person -> apply(person, signal.signal(), signal.sourceId(), signal.messageId(), signal.receivedAt()));
            return;
        }
        for (Identifier identifier : signal.identifiers()) {
            PendingSignal pending = new PendingSignal();
            pending.id = UUID.randomUUID();
            pending.identifierHash = identifier.hash();
            pending.signal = signal.signal();
            pending.sourceId = signal.sourceId();
            pending.messageId = signal.messageId();
            pending.receivedAt = signal.receivedAt();
            pending.persist();
        }
    }

    /** Applies the signals that were waiting for any of these identifiers, now linked to the profile. */
    @Transactional
    public void applyWaiting(String profileId, Collection<String> identifierHashes) {
        if (identifierHashes.isEmpty()) {
            return;
        }
        List<PendingSignal> waiting = PendingSignal.list("identifierHash in ?1 order by receivedAt", identifierHashes);
        Map<String, PendingSignal> byMessage = new LinkedHashMap<>();
        waiting.forEach(pending -> byMessage.putIfAbsent(pending.messageId, pending));
        for (PendingSignal pending : byMessage.values()) {
            apply(profileId, pending.signal, pending.sourceId, pending.messageId, pending.receivedAt);
        }
        if (!byMessage.isEmpty()) {
            PendingSignal.delete("messageId in ?1", byMessage.keySet());
        }
    }

    private void apply(String person, PrivacySignal signal, String sourceId, String messageId, Instant receivedAt) {
        List<NewRecord> decisions = new ArrayList<>();
        for (Purpose purpose : Purpose.<Purpose>listAll()) {
            ConsentAction action = purpose.lawfulBasis == LawfulBasis.LEGITIMATE_INTEREST ? ConsentAction.OBJECT
                    : purpose.consentBased() ? ConsentAction.REFUSE : null;
            if (action != null) {
                decisions.add(NewRecord.decision(purpose.code, action, receivedAt, Channel.GPC, signal.code(), sourceId,
                        "signal:" + messageId + ":" + purpose.code + ":" + person, NewRecord.Evidence.NONE).whenChanged());
            }
        }
        recorder.record(person, decisions);
    }
}
