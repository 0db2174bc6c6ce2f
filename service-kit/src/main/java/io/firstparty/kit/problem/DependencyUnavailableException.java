package io.firstparty.kit.problem;

import java.time.Duration;
import java.util.Map;

/** Something the service needs (Kafka, the database) cannot take the request now; nothing was stored. */
public class DependencyUnavailableException extends FirstpartyException {

    private final Duration retryAfter;

    public DependencyUnavailableException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String type() {
        return "unavailable";
    }

    @Override
    public String title() {
        return "Temporarily unavailable";
    }

    @Override
    public Map<String, String> headers() {
        return retryAfter(retryAfter);
    }
}
