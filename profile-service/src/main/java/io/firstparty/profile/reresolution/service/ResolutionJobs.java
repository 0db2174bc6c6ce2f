package io.firstparty.profile.reresolution.service;

import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.profile.config.ResolutionConfig;
import io.firstparty.profile.messaging.ChangePublisher;
import io.firstparty.profile.reresolution.domain.ReResolution;
import io.firstparty.profile.reresolution.domain.ResolutionJob;
import io.firstparty.profile.reresolution.domain.ResolutionJobView;
import io.firstparty.profile.reresolution.repository.ReResolutionRepository;
import io.firstparty.profile.rules.domain.RuleSet;
import io.firstparty.profile.rules.service.MergeRuleService;
import io.firstparty.profile.spaces.domain.SpaceDirectory;
import io.firstparty.profile.spaces.service.IdentitySpaces;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Re-resolution jobs: started by an admin after the merge rules or the identity spaces changed,
 * run a batch per transaction by whichever replica holds the job's lease.
 */
@ApplicationScoped
public class ResolutionJobs {

    /** Serialises starts, so two admins starting at once get one job and one 409. */
    private static final long START_LOCK = 0x7265736f6c7665L;

    private final DataSource dataSource;
    private final ReResolutionRepository repository;
    private final ProfileReResolver reResolver;
    private final MergeRuleService rules;
    private final IdentitySpaces spaces;
    private final ChangePublisher publisher;
    private final ResolutionConfig config;

    ResolutionJobs(DataSource dataSource, ReResolutionRepository repository, ProfileReResolver reResolver,
                   MergeRuleService rules, IdentitySpaces spaces, ChangePublisher publisher, ResolutionConfig config) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.reResolver = reResolver;
        this.rules = rules;
        this.spaces = spaces;
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * Starts a job; pending brand links take effect now, for new events at once and for existing
     * profiles as the job reaches them.
     */
    @Transactional(rollbackOn = Exception.class)
    public ResolutionJobView start(Integer batchSize) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, START_LOCK);
            lock.executeQuery().close();
        }
        ResolutionJob running = ResolutionJob.find("status", ResolutionJob.RUNNING).firstResult();
        if (running != null) {
            throw new ConflictException("re-resolution job " + running.id + " is still running");
        }
        ResolutionJob job = new ResolutionJob();
        job.id = UUID.randomUUID();
        job.status = ResolutionJob.RUNNING;
        job.batchSize = batchSize != null ? batchSize : config.jobs().batchSize();
        job.requestedAt = Instant.now();
        job.updatedAt = job.requestedAt;
        job.brandsApplied = spaces.activatePending(job.id);
        job.persist();
        return ResolutionJobView.of(job);
    }

    @Transactional
    public ResolutionJobView get(UUID id) {
        ResolutionJob job = ResolutionJob.findById(id);
        if (job == null) {
            throw new ResourceNotFoundException("no re-resolution job with this id");
        }
        return ResolutionJobView.of(job);
    }

    @Transactional
    public List<ResolutionJobView> recent(int limit) {
        return ResolutionJob.<ResolutionJob>findAll(Sort.descending("requestedAt")).page(0, limit).list().stream()
                .map(ResolutionJobView::of).toList();
    }

    /** @return the running job, now leased to {@code holder}, unless another replica holds it */
    @Transactional(rollbackOn = Exception.class)
    public Optional<UUID> claim(String holder) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return repository.claim(connection, holder, config.jobs().lease());
        }
    }

    /**
     * Re-resolves the next batch and records the position in the same transaction, renewing the lease.
     *
     * @return false when the job is done, or is no longer this holder's
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean step(UUID jobId, String holder) throws SQLException {
        ResolutionJob job = ResolutionJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !ResolutionJob.RUNNING.equals(job.status) || !holder.equals(job.leaseHolder)) {
            return false;
        }
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            List<UUID> batch = repository.rootsAfter(connection, job.position, job.batchSize);
            if (batch.isEmpty()) {
                job.status = ResolutionJob.COMPLETED;
                job.finishedAt = now;
                job.updatedAt = now;
                job.leaseHolder = null;
                job.leaseUntil = null;
                return false;
            }
            RuleSet ruleSet = rules.current();
            SpaceDirectory directory = spaces.directory();
            ReResolution tally = new ReResolution();
            for (UUID profile : batch) {
                reResolver.reResolve(connection, job.id, profile, ruleSet, directory, tally);
            }
            job.position = batch.get(batch.size() - 1);
            job.profilesChecked += batch.size();
            job.merges += tally.merges;
            job.mergesRefused += tally.mergesRefused;
            job.identifiersDetached += tally.identifiersDetached;
            job.leaseUntil = now.plus(config.jobs().lease());
            job.updatedAt = now;
            publisher.publish(tally.records);
            return true;
        }
    }
}
