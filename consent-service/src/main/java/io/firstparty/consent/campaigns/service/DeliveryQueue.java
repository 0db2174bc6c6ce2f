package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.DeliveryChannel;
import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The e-mails still to send, as rows any replica may claim. A claim is taken with
 * {@code FOR UPDATE SKIP LOCKED}, so two replicas never take the same row, and lasts a lease: the rows of
 * a replica that died are taken over once it lapses. A batch's rows are confirmed (the claim renewed, in
 * one batched statement) before a wave of e-mails, each handed over (marked, a few at a time) just before
 * it goes to the SMTP server, and marked sent (in one transaction) right after. SMTP cannot be asked
 * whether it took an e-mail, so one handed over by a replica that stopped before recording the answer
 * is never sent again: it becomes {@code unconfirmed}, counted in the campaign's report and recorded in
 * the person's notices. A person gets a campaign's e-mail at most once.
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
                         OR (status = 'sending' AND claimed_until < now() AND handed_over_at IS NULL))
                  ORDER BY next_attempt_at
                  LIMIT ?3
                  FOR UPDATE SKIP LOCKED) due
            WHERE d.campaign_id = due.campaign_id AND d.profile_id = due.profile_id AND d.channel = due.channel
            RETURNING d.campaign_id, d.profile_id, d.channel, d.language, d.attempts, d.record_id""";
    private static final String IN_DOUBT = """
            WITH lapsed AS (
                UPDATE notice_delivery SET status = 'unconfirmed', claimed_by = NULL, claimed_until = NULL, done_at = now()
                WHERE status = 'sending' AND claimed_until < now() AND handed_over_at IS NOT NULL
                RETURNING campaign_id, profile_id, channel, language)
            INSERT INTO notice_event (campaign_id, profile_id, channel, outcome, notice_hash, language, detail, occurred_at)
            SELECT l.campaign_id, l.profile_id, l.channel, 'unconfirmed',
                   CASE WHEN l.language = 'fr' THEN k.notice_hash_fr ELSE k.notice_hash_en END, l.language,
                   'handed to the SMTP server by a replica that stopped before its answer was recorded', clock_timestamp()
            FROM lapsed l JOIN notice_campaign k ON k.id = l.campaign_id""";
    private static final String MINE =
            " WHERE campaign_id = ?1 AND profile_id = ?2 AND channel = ?3 AND claimed_by = ?4 AND status = 'sending'";
    private static final String MINE_ROW =
            " WHERE campaign_id = ? AND profile_id = ? AND channel = ? AND claimed_by = ? AND status = 'sending'";
    private static final String CLOSE_SAME_ADDRESS =
            "UPDATE notice_delivery SET status = 'same_address', claimed_by = NULL, claimed_until = NULL, done_at = now()"
                    + MINE_ROW;
    /** Closes the row if another profile's row of the campaign already took its address (the 5th parameter). */
    private static final String CLOSE_IF_ADDRESS_TAKEN = CLOSE_SAME_ADDRESS
            + " AND EXISTS (SELECT 1 FROM notice_delivery o WHERE o.campaign_id = notice_delivery.campaign_id"
            + " AND o.channel = notice_delivery.channel AND o.address_hash = ? AND o.profile_id <> notice_delivery.profile_id)";
    private static final int CHUNK = 1000;

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

    /** Settles the e-mails in doubt of replicas whose claim lapsed, then claims up to {@code limit} rows due. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claim(String holder, int limit) {
        entityManager.createNativeQuery(IN_DOUBT).executeUpdate();
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

    /** Tried again after a while, or given up after the last attempt. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Claimed delivery, String holder) {
        boolean last = delivery.attempts() >= config.campaigns().maxAttempts();
        mine("UPDATE notice_delivery SET status = 'failed', claimed_by = NULL, claimed_until = NULL, handed_over_at = NULL,"
                + " next_attempt_at ="
                + " CASE WHEN ?6 THEN NULL ELSE now() + make_interval(secs => ?5) END" + MINE, delivery, holder)
                .setParameter(5, (double) config.campaigns().retryAfter().toMillis() / 1000)
                .setParameter(6, last)
                .executeUpdate();
    }

    /** Hands back rows not tried (the SMTP server is away): they wait for the retry delay, no attempt counted. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(List<Claimed> deliveries, String holder) {
        double retryAfter = (double) config.campaigns().retryAfter().toMillis() / 1000;
        batch("UPDATE notice_delivery SET status = 'pending', attempts = attempts - 1, claimed_by = NULL,"
                + " claimed_until = NULL, handed_over_at = NULL, next_attempt_at = now() + make_interval(secs => ?)"
                + MINE_ROW, deliveries,
                (statement, delivery) -> {
                    statement.setDouble(1, retryAfter);
                    bindMine(statement, 2, delivery, holder);
                });
    }

    /** The e-mail addresses of these deliveries' people, by profile; people without one are absent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, String> addresses(List<Claimed> deliveries) {
        Map<String, String> addresses = new HashMap<>();
        List<String> profiles = deliveries.stream().map(Claimed::profileId).distinct().toList();
        for (int from = 0; from < profiles.size(); from += CHUNK) {
            List<?> rows = entityManager.createNativeQuery(
                            "SELECT profile_id, email FROM contact WHERE profile_id IN (?1) AND email IS NOT NULL")
                    .setParameter(1, profiles.subList(from, Math.min(profiles.size(), from + CHUNK)))
                    .getResultList();
            for (Object row : rows) {
                Object[] columns = (Object[]) row;
                addresses.put((String) columns[0], (String) columns[1]);
            }
        }
        return addresses;
    }

    /**
     * Marks the rows of people without an address {@code no_address} and renews the claim on the others
     * just before sending, in one transaction.
     *
     * @return the rows this replica still holds (now renewed for a lease): only those may be sent; the
     *         others lapsed and another replica may have them
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> confirm(List<Claimed> withAddress, List<Claimed> withoutAddress, String holder) {
        batch("UPDATE notice_delivery SET status = 'no_address', claimed_by = NULL, claimed_until = NULL" + MINE_ROW,
                withoutAddress, (statement, delivery) -> bindMine(statement, 1, delivery, holder));
        double lease = (double) config.campaigns().claimLease().toMillis() / 1000;
        int[] renewed = batch("UPDATE notice_delivery SET claimed_until = now() + make_interval(secs => ?)" + MINE_ROW,
                withAddress, (statement, delivery) -> {
                    statement.setDouble(1, lease);
                    bindMine(statement, 2, delivery, holder);
                });
        return stillMine(withAddress, renewed);
    }

    /**
     * Marks these rows handed over to the SMTP server, just before their e-mails are started: from now
     * on a lapse of the claim leaves them in doubt rather than to be sent again. A row whose address
     * another profile's row of the campaign already took, or an earlier row of these took, is closed
     * {@code same_address} instead. Two replicas taking one address at once: the unique index fails the
     * second, whose rows go back and are closed on the next pass.
     *
     * @param addresses the e-mail address of each delivery's profile
     * @return the rows this replica still holds and may send
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> handOver(List<Claimed> deliveries, Map<String, String> addresses, String holder) {
        Map<Claimed, String> takers = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        List<Claimed> repeats = new ArrayList<>();
        for (Claimed delivery : deliveries) {
            String hash = addressHash(delivery, addresses);
            if (hash == null || taken.add(delivery.campaignId() + " " + delivery.channel() + " " + hash)) {
                takers.put(delivery, hash);
            } else {
                repeats.add(delivery);
            }
        }
        List<Claimed> taking = List.copyOf(takers.keySet());
        batch(CLOSE_IF_ADDRESS_TAKEN, taking, (statement, delivery) -> {
            bindMine(statement, 1, delivery, holder);
            statement.setString(5, takers.get(delivery));
        });
        batch(CLOSE_SAME_ADDRESS, repeats, (statement, delivery) -> bindMine(statement, 1, delivery, holder));
        return stillMine(taking, batch("UPDATE notice_delivery SET handed_over_at = clock_timestamp(), address_hash = ?"
                + MINE_ROW, taking, (statement, delivery) -> {
                    statement.setString(1, takers.get(delivery));
                    bindMine(statement, 2, delivery, holder);
                }));
    }

    /** Every objection has its own receipt, whoever else shares the address; a campaign's e-mail goes once. */
    private static String addressHash(Claimed delivery, Map<String, String> addresses) {
        return delivery.channel() == DeliveryChannel.OBJECTION_RECEIPT ? null
                : new Identifier(IdentifierType.EMAIL, addresses.get(delivery.profileId())).hash();
    }

    private static List<Claimed> stillMine(List<Claimed> deliveries, int[] changed) {
        List<Claimed> mine = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (changed[i] > 0) {
                mine.add(deliveries.get(i));
            }
        }
        return mine;
    }

    /**
     * The e-mails the SMTP server took: one notice record each (sent, with the notice version of its
     * language) and their rows {@code sent}, in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(NoticeCampaign campaign, List<Claimed> deliveries, String holder) {
        // Recorded even if the claim lapsed meanwhile (and the row was found in doubt): the e-mail did go out.
        batch("""
                INSERT INTO notice_event (campaign_id, profile_id, channel, outcome, notice_hash, language, detail, occurred_at)
                VALUES (?, ?, ?, 'sent', ?, ?, NULL, clock_timestamp())""", deliveries, (statement, delivery) -> {
            statement.setObject(1, delivery.campaignId());
            statement.setString(2, delivery.profileId());
            statement.setString(3, delivery.channel().code());
            statement.setString(4, campaign.noticeHash(delivery.language()));
            statement.setString(5, delivery.language());
        });
        batch("""
                UPDATE notice_delivery SET status = 'sent', done_at = now(), claimed_by = NULL, claimed_until = NULL
                WHERE campaign_id = ? AND profile_id = ? AND channel = ?
                  AND (claimed_by = ? AND status = 'sending' OR status = 'unconfirmed')""", deliveries,
                (statement, delivery) -> bindMine(statement, 1, delivery, holder));
    }

    /** Binds one row's values to a statement of a batch. */
    private interface Binder {
        void bind(PreparedStatement statement, Claimed delivery) throws SQLException;
    }

    /**
     * One statement for many rows, sent to the database as one JDBC batch (one round trip): each row is
     * found by its primary key, whatever the table's statistics say.
     *
     * @return the rows each execution changed, in the order of {@code deliveries}
     */
    private int[] batch(String sql, List<Claimed> deliveries, Binder binder) {
        if (deliveries.isEmpty()) {
            return new int[0];
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Claimed delivery : deliveries) {
                    binder.bind(statement, delivery);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    private static void bindMine(PreparedStatement statement, int first, Claimed delivery, String holder)
            throws SQLException {
        statement.setObject(first, delivery.campaignId());
        statement.setString(first + 1, delivery.profileId());
        statement.setString(first + 2, delivery.channel().code());
        statement.setString(first + 3, holder);
    }

    private Query mine(String sql, Claimed delivery, String holder) {
        return entityManager.createNativeQuery(sql)
                .setParameter(1, delivery.campaignId())
                .setParameter(2, delivery.profileId())
                .setParameter(3, delivery.channel().code())
                .setParameter(4, holder);
    }
}
