package io.firstparty.segment.rules.domain;

import io.firstparty.contracts.events.EventType;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Events of one type (and name) that pass every filter inside a window, counted and optionally
 * aggregated, each held to its threshold.
 *
 * @param name       the event name of a track call, the page or screen name; null for any
 * @param hourOfDay  bounds on the hour (0-23) in the brand's time zone, or null
 * @param daysOfWeek days in the brand's time zone, or empty for every day
 * @param aggregate  or null
 */
public record EventCondition(String pointer, EventType type, String name, List<Filter> where, Threshold hourOfDay,
                             Set<DayOfWeek> daysOfWeek, Window window, Threshold count, Aggregate aggregate)
        implements Condition {

    public EventCondition {
        where = List.copyOf(where);
        daysOfWeek = Set.copyOf(daysOfWeek);
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(count.describe()).append(' ').append(type.code())
                .append(" event(s)");
        if (name != null) {
            text.append(" named \"").append(name).append('"');
        }
        text.append(' ').append(window.describe());
        for (Filter filter : where) {
            text.append(", where ").append(filter.describe());
        }
        if (hourOfDay != null) {
            text.append(", at an hour of the day ").append(hourOfDay.describe());
        }
        if (!daysOfWeek.isEmpty()) {
            text.append(", on ").append(daysOfWeek.stream().sorted().map(day -> day.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
        if (aggregate != null) {
            text.append(", and ").append(aggregate.describe());
        }
        return text.toString();
    }
}
