package io.firstparty.consent.ledger.service;

import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.state.domain.ConsentState;
import io.firstparty.consent.state.service.ConsentStates;
import io.firstparty.contracts.events.ConsentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way consent decisions enter the ledger: in one transaction it locks the person's chain,
 * recognises replays, appends, derives the current state and publishes it before committing.
 */
@ApplicationScoped
public class ConsentRecorder {

    private final People people;
    private final Ledger ledger;
    private final ConsentStates states;

    ConsentRecorder(People people, Ledger ledger, ConsentStates states) {
        this.people = people;
        this.ledger = ledger;
        this.states = states;
    }

    /** A record appended, or found again when its evidence was replayed. */
    public record Recorded(LedgerRecord record, boolean replayed) {
    }

    /**
     * @param profileId any profile id of the person (a merged one answers as its survivor)
     * @return what each decision became; decisions skipped because nothing changed are absent
     */
    @Transactional
    public List<Recorded> record(String profileId, List<NewRecord> decisions) {
        String person = people.personOf(profileId);
        ledger.lock(person);
        List<Recorded> recorded = new ArrayList<>();
        String changedPurpose = null;
        for (NewRecord decision : decisions) {
            Optional<LedgerRecord> replay = ledger.byEvidence(decision.evidenceKey());
            if (replay.isPresent()) {
                recorded.add(new Recorded(replay.get(), true));
                continue;
            }
            Purpose purpose = Purpose.findById(decision.purpose());
            ConsentState current = states.current(person, purpose.code).orElse(null);
            if (decision.skipIfUnchanged() && current != null && sameEffect(current.status, decision.status())) {
                continue;
            }
            boolean effective = takesEffect(decision, current);
            LedgerRecord record = ledger.append(person, decision, purpose.version, decision.status(), effective);
            if (effective) {
                states.apply(person, purpose, record);
                changedPurpose = purpose.code;
            }
            recorded.add(new Recorded(record, false));
        }
        if (changedPurpose != null) {
            states.publish(person, changedPurpose);
        }
        return recorded;
    }

    /**
     * A withdrawal of a consent not in force, or a decision older than the one in force, is kept in
     * the ledger but changes nothing. Merges and their undoing always apply.
     */
    private static boolean takesEffect(NewRecord decision, ConsentState current) {
        if (decision.action() == ConsentAction.MERGE || decision.action() == ConsentAction.UNMERGE) {
            return true;
        }
        if (decision.action() == ConsentAction.WITHDRAW || decision.action() == ConsentAction.EXPIRE) {
            return current != null && current.status == ConsentStatus.GRANTED;
        }
        return current == null || !decision.occurredAt().isBefore(current.statusSince);
    }

    private static boolean sameEffect(ConsentStatus current, ConsentStatus wanted) {
        return current == wanted || (ConsentAction.denies(current) && ConsentAction.denies(wanted));
    }
}
