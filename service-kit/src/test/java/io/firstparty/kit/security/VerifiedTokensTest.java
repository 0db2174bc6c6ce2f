package io.firstparty.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aTokenIsAnsweredUntilItExpires() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(clock);
        SecurityIdentity identity = identity(NOW.plusSeconds(30));

        tokens.remember("t1", identity);
        assertSame(identity, tokens.identity("t1"));
        clock.advance(Duration.ofSeconds(30));
        assertNull(tokens.identity("t1"), "expired with the token");
        assertNull(tokens.identity("never-verified"));
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheLongestTimeHoweverOftenItIsUsed() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(clock);
        SecurityIdentity identity = identity(NOW.plus(Duration.ofHours(1)));

        tokens.remember("t1", identity);
        clock.advance(VerifiedTokens.LONGEST.minusSeconds(1));
        tokens.remember("t1", identity);
        assertSame(identity, tokens.identity("t1"));
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.identity("t1"), "using it did not stretch its time");
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotKept() {
        VerifiedTokens tokens = new VerifiedTokens(new MovableClock());
        tokens.remember("no-exp", identity(null));
        tokens.remember("expired", identity(NOW.minusSeconds(1)));
        assertNull(tokens.identity("no-exp"));
        assertNull(tokens.identity("expired"));
    }

    @Test
    void whenFullTheOldEntriesMakeRoom() {
        VerifiedTokens tokens = new VerifiedTokens(new MovableClock());
        SecurityIdentity identity = identity(NOW.plusSeconds(30));
        for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
            tokens.remember("t" + i, identity);
        }
        assertSame(identity, tokens.identity("t" + VerifiedTokens.CAPACITY), "the newest is kept");
        assertNull(tokens.identity("t0"));
    }

    private static SecurityIdentity identity(Instant expiresAt) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "caller";
            }

            @Override
            public Set<String> getClaimNames() {
                return expiresAt == null ? Set.of() : Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) && expiresAt != null ? (T) Long.valueOf(expiresAt.getEpochSecond()) : null;
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("marketer").build();
    }

    private static final class MovableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
