package io.firstparty.system.reconcile;

import io.firstparty.system.platform.BrokerAdmin;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Service;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.firstparty.system.reconcile.ArchiveReconciliation.report;

/**
 * consent-service's current state per person and purpose ({@code consent_state}) against a replay of
 * its ledger from the first record, for every person the load's consent choices reached; and no
 * ledger record names a message the load did not send (none can repeat one: its evidence key, the
 * message id and purpose, is unique). The
 * replay applies a record as the service's rule says: a withdrawal or expiry only of a consent in
 * force, a merge always, any other decision unless it is older than the state in force.
 */
final class ConsentReconciliation implements Reconciliation {

    /** consent-service's consumer group of the resolved events, which carry the choices. */
    private static final String CAPTURE_GROUP = "consent-capture";
    private static final String LOAD_RECORDS = "SELECT evidence_key FROM ledger_record"
            + " WHERE source = ANY (?) AND evidence_key LIKE 'event:load-%'";
    private static final String LEDGER = "SELECT profile_id, purpose_code, id::text, action, status, occurred_at"
            + " FROM ledger_record WHERE profile_id IN (SELECT profile_id FROM ledger_record WHERE source = ANY (?))"
            + " ORDER BY profile_id, seq";
    private static final String STATES = "SELECT profile_id, purpose_code, status, record_id::text FROM consent_state"
            + " WHERE profile_id IN (SELECT profile_id FROM ledger_record WHERE source = ANY (?))";

    private final LocalPlatform platform;
    private final Tables tables;
    private final String[] sourceIds;

    ConsentReconciliation(LocalPlatform platform, List<String> sourceIds) {
        this.platform = platform;
        this.tables = new Tables(platform);
        this.sourceIds = sourceIds.toArray(String[]::new);
    }

    @Override
    public String name() {
        return "consent state";
    }

    /**
     * Only choices that change a person's standing are recorded, so no count of records says when the
     * service is done: it is once its consumer group has committed every resolution on the topic (the
     * profile reconciliation, run before, waited for every event to be resolved).
     */
    @Override
    public void awaitCaughtUp(Ledger ledger, Duration timeout) {
        try (BrokerAdmin broker = new BrokerAdmin(platform.kafkaBootstrap())) {
            Tables.await(timeout, () -> broker.lag(CAPTURE_GROUP) == 0);
        }
    }

    @Override
    public List<String> discrepancies(Ledger ledger) {
        List<String> found = new ArrayList<>();
        List<String> evidence = loadRecords();
        Set<String> sent = new HashSet<>();
        for (String source : sourceIds) {
            Ledger.SourceLedger expected = ledger.of(source);
            sent.addAll(expected.accepted());
            sent.addAll(expected.retried());
            sent.addAll(expected.abandoned());
        }
        List<String> invented = evidence.stream().map(ConsentReconciliation::messageId).filter(id -> !sent.contains(id)).toList();
        report(found, "ledger records of messages the load never sent", invented);

        Map<String, State> replayed = replay();
        Map<String, State> stored = new HashMap<>();
        tables.query(Service.CONSENT, STATES, row -> stored.put(row.getString(1) + " " + row.getString(2),
                new State(row.getString(3), row.getString(4), null)), (Object) sourceIds);
        List<String> differing = new ArrayList<>();
        Set<String> keys = new HashSet<>(replayed.keySet());
        keys.addAll(stored.keySet());
        for (String key : keys) {
            State replay = replayed.get(key);
            State state = stored.get(key);
            if (replay == null || state == null || !replay.status().equals(state.status())
                    || !replay.recordId().equals(state.recordId())) {
                differing.add(key + " (stored " + describe(state) + ", replayed " + describe(replay) + ")");
            }
        }
        report(found, "person and purpose whose state is not what replaying the ledger gives", differing);
        if (replayed.isEmpty()) {
            found.add("no consent state came of the load: the comparison would prove nothing");
        }
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        stored.values().forEach(state -> byStatus.merge(state.status(), 1L, Long::sum));
        System.out.printf("consent state: %d ledger records of the load's messages; %d states of person and purpose"
                        + " %s, replayed from the ledger %d, differing %d%n", evidence.size(), stored.size(), byStatus,
                replayed.size(), differing.size());
        return found;
    }

    /** The state each person and purpose ends in when the ledger is applied record by record, in order. */
    private Map<String, State> replay() {
        Map<String, State> states = new HashMap<>();
        tables.query(Service.CONSENT, LEDGER, row -> {
            String key = row.getString(1) + " " + row.getString(2);
            State record = new State(row.getString(5), row.getString(3), row.getTimestamp(6));
            State current = states.get(key);
            String action = row.getString(4);
            boolean takesEffect = switch (action) {
                case "merge", "unmerge" -> true;
                case "withdraw", "expire" -> current != null && "granted".equals(current.status());
                default -> current == null || !record.since().before(current.since());
            };
            if (takesEffect && record.status() == null) {
                states.remove(key);
            } else if (takesEffect) {
                states.put(key, record);
            }
            return key;
        }, (Object) sourceIds);
        return states;
    }

    private List<String> loadRecords() {
        return tables.query(Service.CONSENT, LOAD_RECORDS, row -> row.getString(1), (Object) sourceIds);
    }

    /** {@code event:<message id>:<purpose>} */
    private static String messageId(String evidenceKey) {
        return evidenceKey.substring("event:".length(), evidenceKey.lastIndexOf(':'));
    }

    private static String describe(State state) {
        return state == null ? "none" : state.status() + " by record " + state.recordId();
    }

    private record State(String status, String recordId, Timestamp since) {
    }
}
