package io.firstparty.consent.expiry.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.contracts.events.ConsentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * People the brand may ask again for a consent-based purpose: a consent about to lapse or lapsed, or
 * a refusal or withdrawal older than the purpose's re-ask delay (CNIL: not within 6 months).
 */
@ApplicationScoped
public class Renewals {

    private final EntityManager entityManager;
    private final ConsentConfig config;

    Renewals(EntityManager entityManager, ConsentConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** @param askFrom the first moment the brand may ask */
    public record Due(String profileId, String purpose, ConsentStatus status, Instant statusSince, Instant expiresAt,
                      Instant askFrom) {
    }

    /** Pages by profile id after {@code after}; the re-ask delay is per purpose, so it is computed in SQL. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Due> due(String purpose, String after, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT s.profile_id, s.purpose_code, s.status, s.status_since, s.expires_at,
                               CASE WHEN s.status IN ('denied', 'withdrawn')
                                    THEN s.status_since + make_interval(months => p.reask_delay_months)
                                    ELSE now() END AS ask_from
                        FROM consent_state s JOIN purpose p ON p.code = s.purpose_code
                        WHERE p.lawful_basis = 'consent'
                          AND (CAST(?1 AS text) IS NULL OR s.purpose_code = CAST(?1 AS text))
                          AND s.profile_id > ?2
                          AND ((s.status = 'granted' AND s.expires_at <= now() + make_interval(secs => ?3))
                               OR s.status = 'expired'
                               OR (s.status IN ('denied', 'withdrawn')
                                   AND s.status_since + make_interval(months => p.reask_delay_months) <= now()))
                        ORDER BY s.profile_id, s.purpose_code
                        LIMIT ?4""")
                .setParameter(1, purpose)
                .setParameter(2, after == null ? "" : after)
                .setParameter(3, (double) config.expiry().renewalNotice().toSeconds())
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(row -> new Due((String) row[0], (String) row[1],
                ConsentStatus.valueOf(((String) row[2]).toUpperCase(Locale.ROOT)), instant(row[3]), instant(row[4]),
                instant(row[5]))).toList();
    }

    /** Native queries hand back time stamps as the JDBC driver reads them. */
    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }
}
