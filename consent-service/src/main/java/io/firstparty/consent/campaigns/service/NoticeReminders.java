package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.expiry.service.JobLease;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * One reminder e-mail for whoever a campaign reached by neither channel once the reminder delay has
 * passed: no e-mail went out (no address at the start, or every attempt failed) and the app never
 * displayed the notice, but an address is known now. Runs on one replica at a time under a lease; the
 * reminder is a delivery row like any other, so it is sent once, by the senders.
 */
@ApplicationScoped
public class NoticeReminders {

    static final String JOB = "notice-reminders";
    private static final Logger LOG = Logger.getLogger(NoticeReminders.class);
    private static final String REMIND = """
            INSERT INTO notice_delivery (campaign_id, profile_id, channel, status, language, next_attempt_at)
            SELECT app.campaign_id, app.profile_id, 'email_reminder', 'pending', c.language, now()
            FROM notice_delivery app
            JOIN notice_campaign k ON k.id = app.campaign_id
            JOIN contact c ON c.profile_id = app.profile_id AND c.email IS NOT NULL
            JOIN notice_delivery mail ON mail.campaign_id = app.campaign_id AND mail.profile_id = app.profile_id
                                     AND mail.channel = 'email'
            WHERE app.channel = 'in_app' AND app.status <> 'displayed'
              AND k.status = 'started' AND k.started_at <= ?1
              AND (mail.status = 'no_address' OR (mail.status = 'failed' AND mail.next_attempt_at IS NULL))
            ON CONFLICT DO NOTHING""";

    private final JobLease lease;
    private final EntityManager entityManager;
    private final ConsentConfig config;
    private final String replica = UUID.randomUUID().toString();

    NoticeReminders(JobLease lease, EntityManager entityManager, ConsentConfig config) {
        this.lease = lease;
        this.entityManager = entityManager;
        this.config = config;
    }

    /** What one run did; {@code ran} is false when another replica holds the lease. */
    public record Run(boolean ran, int reminders) {
    }

    @Scheduled(every = "${firstparty.consent.campaigns.reminder-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "30s")
    void scheduled() {
        Run run = runAs(replica, Instant.now());
        if (run.reminders() > 0) {
            LOG.infof("notices: %d reminders to send", run.reminders());
        }
    }

    /** Runs the job as one replica (named by {@code holder}) would at {@code now}. */
    public Run runAs(String holder, Instant now) {
        if (!lease.acquire(JOB, holder, config.campaigns().claimLease())) {
            return new Run(false, 0);
        }
        int reminders = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(REMIND)
                .setParameter(1, now.minus(config.campaigns().reminderAfter()))
                .executeUpdate());
        return new Run(true, reminders);
    }
}
