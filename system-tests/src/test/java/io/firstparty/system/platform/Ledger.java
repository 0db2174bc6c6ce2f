package io.firstparty.system.platform;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the collection API answered to the load, per source: the message ids a 2xx accepted, those
 * it rejected (kept as failed events), those whose request failed at least once before it got its
 * 2xx (a retry may legitimately repeat them on Kafka), and how many requests ended with which status.
 */
public final class Ledger {

    private final Map<String, SourceLedger> sources = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    void acked(String sourceId, Collection<String> messageIds, Set<String> rejected, Set<String> meantInvalid) {
        count(200);
        SourceLedger source = source(sourceId);
        for (String messageId : messageIds) {
            (rejected.contains(messageId) ? source.rejected : source.accepted).add(messageId);
            if (rejected.contains(messageId) != meantInvalid.contains(messageId)) {
                source.misjudged.add(messageId);
            }
        }
    }

    void failedAttempt(String sourceId, Collection<String> messageIds, int status) {
        count(status);
        source(sourceId).retried.addAll(messageIds);
    }

    void gaveUp(String sourceId, Collection<String> messageIds) {
        source(sourceId).abandoned.addAll(messageIds);
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
    }

    private SourceLedger source(String sourceId) {
        return sources.computeIfAbsent(sourceId, ignored -> new SourceLedger());
    }

    public SourceLedger of(String sourceId) {
        return sources.getOrDefault(sourceId, new SourceLedger());
    }

    public long acceptedTotal() {
        return sources.values().stream().mapToLong(source -> source.accepted.size()).sum();
    }

    public long rejectedTotal() {
        return sources.values().stream().mapToLong(source -> source.rejected.size()).sum();
    }

    /** Requests per answer status; -1 counts requests that got no answer (refused or broken connection, time-out). */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** One source's message ids, by what the API answered. */
    public static final class SourceLedger {
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final Set<String> rejected = ConcurrentHashMap.newKeySet();
        private final Set<String> misjudged = ConcurrentHashMap.newKeySet();
        private final Set<String> retried = ConcurrentHashMap.newKeySet();
        private final Set<String> abandoned = ConcurrentHashMap.newKeySet();

        /** Accepted by a 2xx: each must be stored exactly once. */
        public Set<String> accepted() {
            return Set.copyOf(accepted);
        }

        /** Rejected by a 2xx: each must be among the failed events. */
        public Set<String> rejected() {
            return Set.copyOf(rejected);
        }

        /** Valid messages the API rejected, or invalid ones it accepted: must be none. */
        public Set<String> misjudged() {
            return Set.copyOf(misjudged);
        }

        /** In a request that failed at least once: may have reached Kafka more than once. */
        public Set<String> retried() {
            return Set.copyOf(retried);
        }

        /** Never answered with a 2xx, after every retry. */
        public Set<String> abandoned() {
            return Set.copyOf(abandoned);
        }
    }
}
