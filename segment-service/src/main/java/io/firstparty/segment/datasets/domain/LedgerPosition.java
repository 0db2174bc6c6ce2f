package io.firstparty.segment.datasets.domain;

import java.util.Map;

/**
 * How far the consent ledger had been applied here when the export was checked against it.
 *
 * @param nextOffsets per partition of {@code topic}, the offset of the next record not yet applied
 */
public record LedgerPosition(String topic, Map<Integer, Long> nextOffsets) {

    public LedgerPosition {
        nextOffsets = Map.copyOf(nextOffsets);
    }
}
