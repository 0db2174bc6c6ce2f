package io.firstparty.consent.capture.service;

import io.firstparty.consent.campaigns.service.NoticeRecords;
import io.firstparty.consent.erasure.messaging.ErasureReports;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.ledger.service.Ledger;
import io.firstparty.consent.objection.service.PendingObjections;
import io.firstparty.consent.people.domain.PendingSignal;
import io.firstparty.consent.people.service.Contacts;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.state.domain.ConsentState;
import io.firstparty.consent.state.service.ConsentStates;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Consent follows the person through merges, unmerges and erasure. On a merge, the survivor takes
 * over the absorbed profile's decisions where they weigh more: a refusal, withdrawal or objection on
 * either side wins over a grant, and a grant over no decision.
 */
@ApplicationScoped
public class ProfileChanges {

    private static final Logger LOG = Logger.getLogger(ProfileChanges.class);
    private static final String MERGE_METHOD = "profile_merge";

    private final People people;
    private final Contacts contacts;
    private final NoticeRecords notices;
    private final Ledger ledger;
    private final ConsentStates states;
    private final ConsentRecorder recorder;
    private final ErasureReports erasureReports;
    private final PendingObjections pendingObjections;

    ProfileChanges(People people, Contacts contacts, NoticeRecords notices, Ledger ledger, ConsentStates states,
                   ConsentRecorder recorder, ErasureReports erasureReports, PendingObjections pendingObjections) {
        this.people = people;
        this.contacts = contacts;
        this.notices = notices;
        this.ledger = ledger;
        this.states = states;
        this.recorder = recorder;
        this.erasureReports = erasureReports;
        this.pendingObjections = pendingObjections;
    }

    @Transactional
    public void onMerged(ProfileMerged merge) {
        String survivor = people.personOf(merge.profileId());
        String absorbed = merge.absorbedProfileId();
        if (survivor.equals(absorbed) || people.merged(absorbed, merge.mergeId())) {
            return;
        }
        // Both chains in one order, whichever merge or change comes first, so none waits on the other forever.
        Stream.of(survivor, absorbed).sorted().forEach(ledger::lock);
        Map<String, ConsentState> kept = byPurpose(states.of(survivor));
        List<NewRecord> takenOver = new ArrayList<>();
        for (ConsentState theirs : states.of(absorbed)) {
            ConsentState ours = kept.get(theirs.purposeCode);
            if (weight(theirs.status) > weight(ours == null ? null : ours.status)) {
                takenOver.add(new NewRecord(theirs.purposeCode, ConsentAction.MERGE, theirs.status, theirs.statusSince,
                        Channel.SYSTEM, MERGE_METHOD, merge.mergeId(), mergeKey("merge", merge.mergeId(), theirs.purposeCode),
                        NewRecord.Evidence.NONE, theirs.recordId, false));
            }
        }
        states.forget(List.of(absorbed));
        people.merge(absorbed, survivor, merge.mergeId());
        contacts.merge(absorbed, survivor);
        recorder.record(survivor, takenOver);
        states.publishErased(absorbed);
    }

    /**
     * The restored profile gets back the state of its own chain; the survivor drops what it took over
     * in that merge, unless a later decision replaced it.
     */
    @Transactional
    public void onUnmerged(ProfileUnmerged unmerge) {
        String survivor = unmerge.profileId();
        String restored = unmerge.restoredProfileId();
        Stream.of(survivor, restored).sorted().forEach(ledger::lock);
        if (!people.unmerge(restored, unmerge.mergeId())) {
            return;
        }
        rebuild(restored);
        List<LedgerRecord> chain = ledger.chain(survivor);
        List<NewRecord> undone = new ArrayList<>();
        String prefix = mergeKey("merge", unmerge.mergeId(), "");
        for (LedgerRecord record : chain) {
            if (record.evidenceKey.startsWith(prefix) && latestEffective(chain, record.purposeCode) == record) {
                LedgerRecord before = effectiveBefore(chain, record);
                undone.add(new NewRecord(record.purposeCode, ConsentAction.UNMERGE, before == null ? null : before.status,
                        before == null ? Instant.now() : before.occurredAt, Channel.SYSTEM, MERGE_METHOD,
                        unmerge.mergeId(), mergeKey("unmerge", unmerge.mergeId(), record.purposeCode),
                        NewRecord.Evidence.NONE, before == null ? null : before.id, false));
            }
        }
        recorder.record(survivor, undone);
    }

    @Transactional
    public void onErased(ProfileErased erased) {
        String person = people.personOf(erased.profileId());
        ledger.lock(person);
        List<String> chains = people.chainsOf(person);
        int records = ledger.erase(person);
        // Everything else held about the person counts in the report too, not only the ledger.
        long rows = states.forget(chains) + contacts.forget(chains) + notices.forget(chains) + people.forget(person)
                + pendingObjections.forget(erased.identifierHashes());
        if (!erased.identifierHashes().isEmpty()) {
            rows += PendingSignal.delete("identifierHash in ?1", erased.identifierHashes());
        }
        states.publishErased(person);
        erasureReports.erased(erased, chains, records + rows);
        LOG.infof("erasure %s: %d ledger records and %d other rows of %d chains deleted", erased.erasureRequestId(),
                records, rows, chains.size());
    }

    /** Rebuilds a profile's state from its own chain: the last effective record per purpose. */
    private void rebuild(String profileId) {
        Map<String, LedgerRecord> latest = new HashMap<>();
        for (LedgerRecord record : ledger.chain(profileId)) {
            if (record.effective) {
                latest.put(record.purposeCode, record);
            }
        }
        states.forget(List.of(profileId));
        latest.values().forEach(record -> states.apply(profileId, Purpose.findById(record.purposeCode), record));
        states.publish(profileId, null);
    }

    private static LedgerRecord latestEffective(List<LedgerRecord> chain, String purpose) {
        LedgerRecord latest = null;
        for (LedgerRecord record : chain) {
            if (record.effective && record.purposeCode.equals(purpose)) {
                latest = record;
            }
        }
        return latest;
    }

    private static LedgerRecord effectiveBefore(List<LedgerRecord> chain, LedgerRecord target) {
        LedgerRecord before = null;
        for (LedgerRecord record : chain) {
            if (record == target) {
                return before;
            }
            if (record.effective && record.purposeCode.equals(target.purposeCode)) {
                before = record;
            }
        }
        return before;
    }

    /** A denial weighs most, then a grant, then an expired grant, then nothing. */
    private static int weight(ConsentStatus status) {
        if (status == null) {
            return 0;
        }
        if (ConsentAction.denies(status)) {
            return 3;
        }
        return status == ConsentStatus.GRANTED ? 2 : 1;
    }

    private static Map<String, ConsentState> byPurpose(List<ConsentState> list) {
        Map<String, ConsentState> map = new HashMap<>();
        list.forEach(state -> map.put(state.purposeCode, state));
        return map;
    }

    private static String mergeKey(String kind, String mergeId, String purpose) {
        return kind + ":" + mergeId + ":" + purpose;
    }
}
