package io.firstparty.segment.datasets.domain;

import java.util.List;

/**
 * A dataset export as asked for: the purpose the data is used for, the events wanted, the brand.
 *
 * @param purpose a purpose defined in the consent service; only people whose consent state allows it are exported
 * @param brand   only events from this brand's sources, or every brand when absent
 * @param format  {@code ndjson} (the default)
 * @param events  which events: types, names and a time range; every event when absent
 */
public record DatasetExportRequest(String purpose, String brand, String format, Events events) {

    /**
     * @param types event types ({@code track}, {@code page}, ...); every type when empty
     * @param names event names (track) or page and screen names; every name when empty
     * @param from  ISO-8601 instant, inclusive
     * @param to    ISO-8601 instant, exclusive
     */
    public record Events(List<String> types, List<String> names, String from, String to) {
    }
}
