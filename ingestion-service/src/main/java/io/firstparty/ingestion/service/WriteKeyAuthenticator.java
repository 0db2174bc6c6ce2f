package io.firstparty.ingestion.service;

import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.WriteKey;
import io.firstparty.ingestion.repository.WriteKeyLookup;
import io.firstparty.kit.problem.CredentialsRejectedException;
import io.firstparty.kit.problem.DependencyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the source a write key belongs to. Keys arrive as the HTTP Basic user name (the Segment
 * convention, password empty) or as {@code writeKey} in the body. Lookups are cached briefly, so
 * the collection path does not hit the database for every event.
 */
@ApplicationScoped
public class WriteKeyAuthenticator {

    static final String CHALLENGE = "Basic realm=\"firstparty collection\"";

    private final WriteKeyLookup sources;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    WriteKeyAuthenticator(WriteKeyLookup sources, CollectionConfig config) {
        this.sources = sources;
        this.ttl = config.keyCacheTtl();
    }

    /** @param authorization the Authorization header, or null; @param bodyKey writeKey from the body, or null */
    public Source authenticate(String authorization, String bodyKey) {
        String secret = Optional.ofNullable(fromBasic(authorization)).orElse(bodyKey);
        if (secret == null || secret.isBlank()) {
            throw new CredentialsRejectedException(
                    "a write key is required, as the HTTP Basic user name or as writeKey in the body", CHALLENGE);
        }
        Source source = lookup(WriteKey.hash(secret.strip()));
        if (source == null) {
            throw new CredentialsRejectedException("the write key is not valid", CHALLENGE);
        }
        if (!source.enabled()) {
            throw new CredentialsRejectedException("the source of this write key is disabled", CHALLENGE);
        }
        return source;
    }

    void forgetSource(UUID sourceId) {
        cache.values().removeIf(entry -> entry.source != null && entry.source.id().equals(sourceId));
    }

    private Source lookup(String hash) {
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAt - now > 0) {
            return cached.source;
        }
        try {
            Source source = sources.findByKeyHash(hash).orElse(null);
            cache.put(hash, new Cached(source, now + ttl.toNanos()));
            return source;
        } catch (SQLException e) {
            throw new DependencyUnavailableException("write keys cannot be checked right now", Duration.ofSeconds(5));
        }
    }

    private static String fromBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Cached(Source source, long expiresAt) {
    }
}
