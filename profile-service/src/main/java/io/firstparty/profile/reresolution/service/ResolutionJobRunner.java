package io.firstparty.profile.reresolution.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs the re-resolution job on one replica at a time: each replica looks for it on a schedule, the
 * one that takes the lease runs it batch by batch, and a replica that stops (or crashes) leaves the
 * job to another once the lease lapses, which resumes after the last committed batch.
 */
@ApplicationScoped
public class ResolutionJobRunner {

    private static final Logger LOG = Logger.getLogger(ResolutionJobRunner.class);

    private final ResolutionJobs jobs;
    private final String replica = UUID.randomUUID().toString();

    ResolutionJobRunner(ResolutionJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(every = "${firstparty.resolution.jobs.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        try {
            runAs(replica, Integer.MAX_VALUE);
        } catch (SQLException | RuntimeException e) {
            // The lease is still ours: the next run resumes after the last committed batch.
            LOG.warnf("re-resolution stopped after its last committed batch, to resume: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Runs the job as one replica (named by {@code holder}) would, for at most {@code maxBatches} batches.
     *
     * @return batches run; 0 when there is no job or another replica holds it
     */
    public int runAs(String holder, int maxBatches) throws SQLException {
        Optional<UUID> job = jobs.claim(holder);
        if (job.isEmpty()) {
            return 0;
        }
        int batches = 0;
        while (batches < maxBatches && jobs.step(job.get(), holder)) {
            batches++;
        }
        if (batches > 0) {
            LOG.infof("re-resolution job %s: %d batches done", job.get(), batches);
        }
        return batches;
    }
}
