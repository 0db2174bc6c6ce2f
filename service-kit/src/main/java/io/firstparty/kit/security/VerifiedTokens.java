package io.firstparty.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens whose signature and claims were verified recently, with the identity they gave.
 * A service's callers (a brand's back end checking consent, another service) send the same token
 * for minutes; verifying its RSA signature and parsing its JSON again on every request cost most
 * of the consent check's CPU. An entry lasts until the token expires, and at most {@link #LONGEST}:
 * a key the identity provider withdraws stops being trusted here within that time, as it would once
 * the service refreshed its keys. Bounded: when full, entries past their time go first, then all.
 */
@ApplicationScoped
public class VerifiedTokens {

    static final Duration LONGEST = Duration.ofSeconds(60);
    static final int CAPACITY = 10_000;

    private record Verified(SecurityIdentity identity, long untilMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedTokens() {
        this(Clock.systemUTC());
    }

    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The identity the token gave when it was verified, while it is still valid; null otherwise. */
    public SecurityIdentity identity(String token) {
        Verified entry = verified.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.untilMillis()) {
            verified.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /**
     * Remembers an identity that a verified token gave; a token without an expiry is not kept. A token
     * already remembered keeps its first time limit: using it does not stretch {@link #LONGEST}.
     */
    public void remember(String token, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || !jwt.containsClaim("exp")) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(jwt.getExpirationTime() * 1000, now + LONGEST.toMillis());
        if (until <= now) {
            return;
        }
        if (verified.size() >= CAPACITY) {
            verified.values().removeIf(entry -> entry.untilMillis() <= now);
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
        }
        verified.putIfAbsent(token, new Verified(identity, until));
    }
}
