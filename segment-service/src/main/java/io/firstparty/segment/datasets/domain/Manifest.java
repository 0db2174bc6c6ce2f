package io.firstparty.segment.datasets.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a dataset export holds and why: the consent ledger position it was checked against, how many
 * people it included and left out (by reason), how many events it carries, and when.
 *
 * @param peopleConsidered everyone with at least one event that matches the filter
 * @param peopleExcluded   the people left out, by reason: {@code objected}, {@code withdrew}, {@code denied},
 *                         {@code expired}, {@code noConsentState}, {@code noticePeriodNotOver}
 * @param events           the number of event lines in the file
 */
public record Manifest(
        UUID exportId,
        String purpose,
        String lawfulBasis,
        Instant processingStartsAt,
        EventFilter filter,
        String format,
        LedgerPosition ledger,
        long peopleConsidered,
        long peopleIncluded,
        Map<String, Long> peopleExcluded,
        long events,
        Instant startedAt,
        Instant completedAt) {

    public Manifest {
        peopleExcluded = Map.copyOf(peopleExcluded);
    }
}
