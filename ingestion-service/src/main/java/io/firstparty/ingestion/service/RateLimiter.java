package io.firstparty.ingestion.service;

import io.firstparty.ingestion.domain.Source;
import io.firstparty.kit.problem.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source, counted in messages: a source may send its rate per second, with a
 * burst of one second's worth. Each replica keeps its own buckets, so a source's effective limit
 * grows with the replicas, the usual trade for a limiter that costs no network round trip.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public void acquire(Source source, int messages) {
        Bucket bucket = buckets.compute(source.id(), (id, existing) ->
                existing != null && existing.rate == source.rateLimitPerSecond() ? existing : new Bucket(source.rateLimitPerSecond()));
        long waitNanos = bucket.take(messages);
        if (waitNanos > 0) {
            throw new RateLimitedException("this source sends more than " + source.rateLimitPerSecond()
                    + " messages per second", Duration.ofNanos(waitNanos));
        }
    }

    private static final class Bucket {

        private final int rate;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int rate) {
            this.rate = rate;
            this.tokens = rate;
        }

        /**
         * Takes the tokens, or answers how long until there would be enough. A batch larger than the
         * bucket passes when the bucket is full and leaves it in debt, so it is not refused forever.
         */
        synchronized long take(int wanted) {
            long now = System.nanoTime();
            tokens = Math.min(rate, tokens + (now - refilledAt) * rate / 1e9);
            refilledAt = now;
            double needed = Math.min(wanted, rate);
            if (tokens >= needed) {
                tokens -= wanted;
                return 0;
            }
            return (long) Math.ceil((needed - tokens) / rate * 1e9);
        }
    }
}
