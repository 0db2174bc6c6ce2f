package io.firstparty.consent.objection.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.kit.problem.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits on the public objection pages, which need no login: requests per client address, and
 * confirmation e-mails per client address (429 with Retry-After) and per recipient (silently: the page
 * answers alike, so that it says nothing about the address). Token buckets per replica, forgotten after
 * a quiet while; the recipient is known by its identifier's hash only.
 */
@ApplicationScoped
public class PublicLimits {

    private static final int MAX_KEYS = 100_000;

    private final ConsentConfig config;
    private final Map<String, Bucket> requests = new ConcurrentHashMap<>();
    private final Map<String, Bucket> confirmations = new ConcurrentHashMap<>();
    private final Map<String, Bucket> recipients = new ConcurrentHashMap<>();

    PublicLimits(ConsentConfig config) {
        this.config = config;
    }

    /** One request to a public objection page from this client; a 429 past the rate. */
    public void request(String client) {
        take(requests, client, config.objection().requestsPerMinute(), Duration.ofMinutes(1),
                "too many requests to the objection pages from this address");
    }

    /** One confirmation e-mail asked for by this client; a 429 past the rate. */
    public void confirmation(String client) {
        take(confirmations, client, config.objection().confirmationsPerMinute(), Duration.ofMinutes(1),
                "too many objection e-mails asked for from this address");
    }

    /** Whether one more confirmation e-mail may go to this recipient today. */
    public boolean mayMail(String identifierHash) {
        return bucket(recipients, identifierHash, config.objection().confirmationsPerAddressPerDay(), Duration.ofDays(1))
                .take() == 0;
    }

    private void take(Map<String, Bucket> buckets, String key, int capacity, Duration per, String detail) {
        long waitNanos = bucket(buckets, key, capacity, per).take();
        if (waitNanos > 0) {
            throw new RateLimitedException(detail, Duration.ofNanos(waitNanos));
        }
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, int capacity, Duration per) {
        if (buckets.size() > MAX_KEYS) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.full(now));
            if (buckets.size() > MAX_KEYS) {
                buckets.clear();
            }
        }
        return buckets.compute(key == null ? "" : key, (k, existing) ->
                existing != null && existing.capacity == capacity && existing.periodNanos == per.toNanos()
                        ? existing : new Bucket(capacity, per.toNanos()));
    }

    private static final class Bucket {

        private final int capacity;
        private final long periodNanos;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int capacity, long periodNanos) {
            this.capacity = capacity;
            this.periodNanos = periodNanos;
            this.tokens = capacity;
        }

        /** Takes one token, or answers how long until there is one. */
        synchronized long take() {
            refill(System.nanoTime());
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * periodNanos / capacity));
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (double) (now - refilledAt) * capacity / periodNanos);
            refilledAt = now;
        }
    }
}
