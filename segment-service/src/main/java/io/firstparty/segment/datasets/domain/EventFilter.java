package io.firstparty.segment.datasets.domain;

import java.time.Instant;
import java.util.List;

/**
 * The validated choice of events: empty lists and null bounds mean no restriction.
 *
 * @param brand null for every brand
 * @param from  inclusive, or null
 * @param to    exclusive, or null
 */
public record EventFilter(List<String> types, List<String> names, Instant from, Instant to, String brand) {

    public EventFilter {
        types = List.copyOf(types);
        names = List.copyOf(names);
    }
}
