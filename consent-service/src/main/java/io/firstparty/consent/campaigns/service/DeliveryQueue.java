package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.DeliveryChannel;
import io.firstparty.consent.config.ConsentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The e-mails still to send, as rows any replica may claim. A claim is taken with
 * {@code FOR UPDATE SKIP LOCKED}, so two replicas never take the same row, and lasts a lease: the rows of
 * a replica that died are taken over once it lapses. Each row is confirmed just before its e-mail goes
 * out and marked sent right after, so a person gets a campaign's e-mail once; only a replica dying
 * between the SMTP server's acceptance and that mark could leave one to be sent again.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final String CLAIM = """
            UPDATE notice_delivery d
            SET status = 'sending', claimed_by = ?1, claimed_until = now() + make_interval(secs => ?2),
                attempts = d.attempts + 1
            FROM (SELECT campaign_id, profile_id, channel FROM notice_delivery
                  WHERE channel <> 'in_app'
                    AND ((status IN ('pending', 'failed') AND next_attempt_at <= now())
                         OR (status = 'sending' AND claimed_until < now()))
                  ORDER BY next_attempt_at
                  LIMIT ?3
                  FOR UPDATE SKIP LOCKED) due
            WHERE d.campaign_id = due.campaign_id AND d.profile_id = due.profile_id AND d.channel = due.channel
            RETURNING d.campaign_id, d.profile_id, d.channel, d.language, d.attempts, d.record_id""";
    private static final String MINE =
            " WHERE campaign_id = ?1 AND profile_id = ?2 AND channel = ?3 AND claimed_by = ?4 AND status = 'sending'";

    private final EntityManager entityManager;
    private final ConsentConfig config;

    DeliveryQueue(EntityManager entityManager, ConsentConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** An e-mail this replica holds; {@code recordId} is the objection a receipt confirms. */
    public record Claimed(UUID campaignId, String profileId, DeliveryChannel channel, String language, int attempts,
                          UUID recordId) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claim(String holder, int limit) {
        List<?> rows = entityManager.createNativeQuery(CLAIM)
                .setParameter(1, holder)
                .setParameter(2, (double) config.campaigns().claimLease().toMillis() / 1000)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            return new Claimed((UUID) columns[0], (String) columns[1], DeliveryChannel.of((String) columns[2]),
                    (String) columns[3], ((Number) columns[4]).intValue(), (UUID) columns[5]);
        }).toList();
    }

    /** Renews the claim just before sending; false when it lapsed and another replica may have the row. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean confirm(Claimed delivery, String holder) {
        return mine("UPDATE notice_delivery SET claimed_until = now() + make_interval(secs => ?5)" + MINE,
                delivery, holder).setParameter(5, (double) config.campaigns().claimLease().toMillis() / 1000)
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(Claimed delivery, String holder) {
        mine("UPDATE notice_delivery SET status = 'sent', done_at = now(), claimed_by = NULL, claimed_until = NULL"
                + MINE, delivery, holder).executeUpdate();
    }

    /** Tried again after a while, or given up after the last attempt. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Claimed delivery, String holder) {
        boolean last = delivery.attempts() >= config.campaigns().maxAttempts();
        mine("UPDATE notice_delivery SET status = 'failed', claimed_by = NULL, claimed_until = NULL, next_attempt_at ="
                + " CASE WHEN ?6 THEN NULL ELSE now() + make_interval(secs => ?5) END" + MINE, delivery, holder)
                .setParameter(5, (double) config.campaigns().retryAfter().toMillis() / 1000)
                .setParameter(6, last)
                .executeUpdate();
    }

    /** The person has no address any more: nothing to send. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void noAddress(Claimed delivery, String holder) {
        mine("UPDATE notice_delivery SET status = 'no_address', claimed_by = NULL, claimed_until = NULL" + MINE,
                delivery, holder).executeUpdate();
    }

    /** Hands back rows not tried (the SMTP server is away): they wait for the retry delay, no attempt counted. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(List<Claimed> deliveries, String holder) {
        for (Claimed delivery : deliveries) {
            mine("UPDATE notice_delivery SET status = 'pending', attempts = attempts - 1, claimed_by = NULL,"
                    + " claimed_until = NULL, next_attempt_at = now() + make_interval(secs => ?5)" + MINE, delivery, holder)
                    .setParameter(5, (double) config.campaigns().retryAfter().toMillis() / 1000)
                    .executeUpdate();
        }
    }

    private Query mine(String sql, Claimed delivery, String holder) {
        return entityManager.createNativeQuery(sql)
                .setParameter(1, delivery.campaignId())
                .setParameter(2, delivery.profileId())
                .setParameter(3, delivery.channel().code())
                .setParameter(4, holder);
    }
}
