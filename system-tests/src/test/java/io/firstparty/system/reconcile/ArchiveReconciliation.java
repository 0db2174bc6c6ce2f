package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ingestion-service's archive and failed-event store against the ledger, per source: every message
 * id a 2xx accepted is stored exactly once, every one it rejected is among the failed events, nothing
 * is stored that the load did not send, and the stats API agrees with the tables, so that
 * accepted = stored + failed.
 */
final class ArchiveReconciliation extends PerSourceReconciliation {

    ArchiveReconciliation(LocalPlatform platform, List<Brand> brands) {
        super(platform, brands);
    }

    @Override
    public String name() {
        return "ingestion archive";
    }

    @Override
    protected boolean caughtUp(Brand brand, Ledger.SourceLedger expected) {
        Map<String, Object> stats = brand.stats();
        return count(stats, "stored") >= expected.accepted().size() && count(stats, "failed") >= expected.rejected().size();
    }

    @Override
    protected List<String> discrepancies(Brand brand, Ledger.SourceLedger expected) {
        Map<String, Integer> stored = countByMessageId("archived_event", brand.sourceId());
        Map<String, Integer> failed = countByMessageId("failed_event", brand.sourceId());
        Set<String> withoutAck = new HashSet<>(expected.retried());
        withoutAck.addAll(expected.abandoned());
        String source = "source " + brand.sourceId() + ": ";
        List<String> found = new ArrayList<>();

        Set<String> lost = new HashSet<>(expected.accepted());
        lost.removeAll(stored.keySet());
        report(found, source + "accepted by a 2xx but not stored", lost);
        report(found, source + "stored more than once", keysWhere(stored, count -> count > 1));
        Set<String> lostFailures = new HashSet<>(expected.rejected());
        lostFailures.removeAll(failed.keySet());
        report(found, source + "rejected by a 2xx but not among the failed events", lostFailures);
        report(found, source + "the API judged valid messages invalid or the reverse", expected.misjudged());

        // A request that failed may still have reached Kafka: its messages may be stored without a 2xx,
        // and its rejected ones kept once per attempt. Anything else stored was never sent or never accepted.
        Set<String> storedWithoutAck = new HashSet<>(stored.keySet());
        storedWithoutAck.removeAll(expected.accepted());
        Set<String> invented = new HashSet<>(storedWithoutAck);
        invented.removeAll(withoutAck);
        report(found, source + "stored but never accepted by a 2xx nor sent in a failed request", invented);
        long extraFailures = failed.entrySet().stream()
                .mapToLong(entry -> entry.getValue() - (expected.rejected().contains(entry.getKey()) ? 1 : 0)).sum();
        Set<String> unexplainedFailures = new HashSet<>(failed.keySet());
        unexplainedFailures.removeIf(id -> withoutAck.contains(id) || failed.get(id) == 1 && expected.rejected().contains(id));
        report(found, source + "failed events neither rejected by a 2xx nor sent in a failed request", unexplainedFailures);

        Map<String, Object> stats = brand.stats();
        long storedRows = stored.values().stream().mapToLong(Integer::longValue).sum();
        long failedRows = failed.values().stream().mapToLong(Integer::longValue).sum();
        if (count(stats, "stored") != storedRows || count(stats, "failed") != failedRows) {
            found.add(source + "the stats API says stored " + stats.get("stored") + ", failed " + stats.get("failed")
                    + " but the tables hold " + storedRows + " and " + failedRows);
        }
        long accepted = expected.accepted().size() + expected.rejected().size();
        System.out.printf("%s accepted by a 2xx %d (valid %d, rejected %d) = stored %d + failed %d - stored without a 2xx %d"
                        + " - failed events repeated by retries %d; duplicates dropped by the archive %s;"
                        + " requests retried for %d messages, abandoned %d%n",
                source, accepted, expected.accepted().size(), expected.rejected().size(), storedRows, failedRows,
                storedWithoutAck.size(), extraFailures, stats.get("duplicates"), expected.retried().size(),
                expected.abandoned().size());
        if (accepted != storedRows + failedRows - storedWithoutAck.size() - extraFailures) {
            found.add(source + "accepted " + accepted + " is not stored + failed less what retries explain");
        }
        return found;
    }

    private Map<String, Integer> countByMessageId(String table, String sourceId) {
        Map<String, Integer> counts = new HashMap<>();
        tables.query(Service.INGESTION, "SELECT message_id, count(*) FROM " + table + " WHERE source_id = ?::uuid GROUP BY message_id",
                row -> counts.put(row.getString(1), row.getInt(2)), sourceId);
        return counts;
    }

    private static Set<String> keysWhere(Map<String, Integer> counts, java.util.function.IntPredicate test) {
        Set<String> keys = new HashSet<>();
        counts.forEach((key, count) -> {
            if (test.test(count)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Adds a discrepancy naming how many ids it concerns, with a few of them, when there are any. */
    static void report(List<String> found, String what, java.util.Collection<String> ids) {
        if (!ids.isEmpty()) {
            found.add(what + ": " + ids.size() + ", e.g. " + ids.stream().sorted().limit(5).toList());
        }
    }

    private static long count(Map<String, Object> stats, String field) {
        return ((Number) stats.get(field)).longValue();
    }
}
