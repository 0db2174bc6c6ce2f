package io.firstparty.kit.problem;

import java.time.Duration;
import java.util.Map;

public class RateLimitedException extends FirstpartyException {

    private final Duration retryAfter;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String type() {
        return "rate-limited";
    }

    @Override
    public String title() {
        return "Too many requests";
    }

    @Override
    public Map<String, String> headers() {
        return retryAfter(retryAfter);
    }
}
