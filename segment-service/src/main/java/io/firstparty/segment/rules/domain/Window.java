package io.firstparty.segment.rules.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Which events a condition looks at by time: a sliding window ({@code within}), fixed dates
 * ({@code between}), or, when both are null, the whole history.
 */
public record Window(Duration within, Instant from, Instant to) {

    public static final Window ALL_HISTORY = new Window(null, null, null);

    public static Window within(Duration duration) {
        return new Window(duration, null, null);
    }

    public static Window between(Instant from, Instant to) {
        return new Window(null, from, to);
    }

    /** Whether events leave it as time passes, so that membership changes without a new event. */
    public boolean slides() {
        return within != null;
    }

    /** The first instant inside the window at {@code now}, or null when it has no lower bound. */
    public Instant start(Instant now) {
        return within != null ? now.minus(within) : from;
    }

    /** The first instant after the window, or null when it has no upper bound. */
    public Instant end() {
        return to;
    }

    public String describe() {
        if (within != null) {
            return "within the last " + (within.toSeconds() % 86_400 == 0 ? within.toDays() + " days" : within.toString());
        }
        if (from != null) {
            return "between " + from + " and " + to;
        }
        return "at any time";
    }
}
