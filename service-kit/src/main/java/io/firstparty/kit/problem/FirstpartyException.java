package io.firstparty.kit.problem;

import io.firstparty.contracts.events.Violation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The root of every error a service reports on purpose. Each subclass is one problem type; the
 * central {@link ProblemMapper} turns it into RFC 9457 problem details. Messages are written for
 * the caller and must not contain personal data.
 */
public abstract class FirstpartyException extends RuntimeException {

    private final List<Violation> violations;

    protected FirstpartyException(String detail) {
        this(detail, List.of());
    }

    protected FirstpartyException(String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.violations = List.copyOf(violations);
    }

    public abstract int status();

    /** Short, stable name of the problem type, e.g. {@code invalid-input}. */
    public abstract String type();

    public abstract String title();

    public List<Violation> violations() {
        return violations;
    }

    /** Response headers the caller needs to act on the problem, such as Retry-After. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Retry-After in whole seconds, rounded up and never 0, so a client never retries at once. */
    protected static Map<String, String> retryAfter(Duration wait) {
        return Map.of("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }
}
