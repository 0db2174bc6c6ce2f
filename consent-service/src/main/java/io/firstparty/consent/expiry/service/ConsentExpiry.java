package io.firstparty.consent.expiry.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.state.domain.ConsentState;
import io.firstparty.contracts.events.ConsentStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Expires consents past their lifetime (CNIL: at most 13 months), records each expiry in the ledger
 * and publishes the person's new state. One replica runs it per period, under a database lease.
 */
@ApplicationScoped
public class ConsentExpiry {

    static final String JOB = "consent-expiry";
    private static final Logger LOG = Logger.getLogger(ConsentExpiry.class);
    private static final int PAGE = 500;

    private final JobLease lease;
    private final ConsentRecorder recorder;
    private final ConsentConfig config;
    private final String replica = UUID.randomUUID().toString();

    ConsentExpiry(JobLease lease, ConsentRecorder recorder, ConsentConfig config) {
        this.lease = lease;
        this.recorder = recorder;
        this.config = config;
    }

    /** What one run did; {@code ran} is false when another replica holds the lease. */
    public record Run(boolean ran, int expired) {
    }

    @Scheduled(every = "${firstparty.consent.expiry.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        Run run = runAs(replica, Instant.now());
        if (run.expired() > 0) {
            LOG.infof("%d consents expired", run.expired());
        }
    }

    /** Runs the job as one replica (named by {@code holder}) would. */
    public Run runAs(String holder, Instant now) {
        if (!lease.acquire(JOB, holder, config.expiry().lease())) {
            return new Run(false, 0);
        }
        int expired = 0;
        List<ConsentState> due;
        do {
            due = QuarkusTransaction.requiringNew().call(() -> ConsentState.<ConsentState>find(
                    "status = ?1 and expiresAt <= ?2 order by expiresAt", ConsentStatus.GRANTED, now).page(0, PAGE).list());
            for (ConsentState state : due) {
                expired += recorder.record(state.profileId, List.of(expiry(state))).size();
            }
        } while (due.size() == PAGE);
        return new Run(true, expired);
    }

    private static NewRecord expiry(ConsentState state) {
        return NewRecord.decision(state.purposeCode, ConsentAction.EXPIRE, state.expiresAt, Channel.SYSTEM,
                "lifetime_elapsed", JOB, "expiry:" + state.recordId, NewRecord.Evidence.NONE);
    }
}
