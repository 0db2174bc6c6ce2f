package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.DeliveryChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The proof that notices were served: every e-mail sent or failed and every in-app display, with the
 * notice version (its hash) and the language. Deleted with the person on erasure, nothing else.
 */
@ApplicationScoped
public class NoticeRecords {

    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DISPLAYED = "displayed";

    private final EntityManager entityManager;

    NoticeRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One notice served (or not) to one person; {@code detail} says why it failed, without personal data. */
    public record Served(UUID campaignId, String purpose, DeliveryChannel channel, String outcome, String noticeHash,
                        String language, String detail, Instant occurredAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID campaignId, String profileId, DeliveryChannel channel, String outcome, String noticeHash,
                       String language, String detail) {
        entityManager.createNativeQuery("""
                        INSERT INTO notice_event (campaign_id, profile_id, channel, outcome, notice_hash, language, detail, occurred_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, ''), clock_timestamp())""")
                .setParameter(1, campaignId)
                .setParameter(2, profileId)
                .setParameter(3, channel.code())
                .setParameter(4, outcome)
                .setParameter(5, noticeHash)
                .setParameter(6, language)
                .setParameter(7, detail == null ? "" : detail)
                .executeUpdate();
    }

    /** Every notice served to these profiles (a person and the profiles merged into them), oldest first. */
    @Transactional
    public List<Served> of(List<String> profileIds) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT e.campaign_id, k.purpose_code, e.channel, e.outcome, e.notice_hash, e.language, e.detail,
                               e.occurred_at
                        FROM notice_event e JOIN notice_campaign k ON k.id = e.campaign_id
                        WHERE e.profile_id IN (?1) ORDER BY e.occurred_at, e.id""")
                .setParameter(1, profileIds).getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            return new Served((UUID) columns[0], (String) columns[1], DeliveryChannel.of((String) columns[2]),
                    (String) columns[3], (String) columns[4], (String) columns[5], (String) columns[6],
                    instant(columns[7]));
        }).toList();
    }

    /** The last notice about a purpose that reached the person: the one an objection answers. */
    public record LastNotice(UUID campaignId, String noticeHash) {
    }

    @Transactional
    public Optional<LastNotice> lastServed(List<String> profileIds, String purpose) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT e.campaign_id, e.notice_hash FROM notice_event e
                        JOIN notice_campaign k ON k.id = e.campaign_id
                        WHERE e.profile_id IN (?1) AND k.purpose_code = ?2 AND e.outcome IN ('sent', 'displayed')
                          AND e.channel <> 'objection_receipt'
                        ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1""")
                .setParameter(1, profileIds).setParameter(2, purpose).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new LastNotice((UUID) columns[0], (String) columns[1]);
        });
    }

    /** Queues the receipt of an objection (the ledger record) for the senders; once per person and campaign. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queueReceipt(UUID campaignId, String person, String language, UUID recordId) {
        entityManager.createNativeQuery("""
                        INSERT INTO notice_delivery (campaign_id, profile_id, channel, status, language, next_attempt_at,
                                                     record_id)
                        SELECT ?1, ?2, 'objection_receipt',
                               CASE WHEN EXISTS (SELECT 1 FROM contact WHERE profile_id = ?2 AND email IS NOT NULL)
                                    THEN 'pending' ELSE 'no_address' END, ?3, now(), ?4
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, campaignId)
                .setParameter(2, person)
                .setParameter(3, language)
                .setParameter(4, recordId)
                .executeUpdate();
    }

    /** Erasure: what was served to these profiles, and what was still to be. */
    @Transactional
    /** @return how many notice rows were deleted */
    public long forget(List<String> profileIds) {
        return entityManager.createNativeQuery("DELETE FROM notice_event WHERE profile_id IN (?1)")
                .setParameter(1, profileIds).executeUpdate()
                + entityManager.createNativeQuery("DELETE FROM notice_delivery WHERE profile_id IN (?1)")
                .setParameter(1, profileIds).executeUpdate();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
