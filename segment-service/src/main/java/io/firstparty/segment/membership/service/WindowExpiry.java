package io.firstparty.segment.membership.service;

import io.firstparty.segment.config.SegmentConfig;
import io.firstparty.segment.membership.repository.MembershipRepository;
import io.firstparty.segment.rules.service.RuleSql;
import io.firstparty.segment.segments.domain.CompiledSegment;
import io.firstparty.segment.segments.domain.Segment;
import io.firstparty.segment.segments.domain.SegmentVersion;
import io.firstparty.segment.segments.service.ActiveSegments;
import io.firstparty.segment.config.StartupGate;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * People leave (or, under "not in the last N days", enter) time-windowed segments when their
 * events age out of the window, without waiting for a new event. Each run looks only at the
 * profiles with an event that crossed a window's edge since the previous run. The segment row is
 * locked while it runs, so several replicas never do the same work.
 */
@ApplicationScoped
public class WindowExpiry {

    private final ActiveSegments segments;
    private final MembershipService membership;
    private final MembershipRepository history;
    private final SegmentConfig config;

    WindowExpiry(ActiveSegments segments, MembershipService membership, MembershipRepository history, SegmentConfig config) {
        this.segments = segments;
        this.membership = membership;
        this.history = history;
        this.config = config;
    }

    @Scheduled(every = "${firstparty.segment.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = StartupGate.class)
    void run() throws SQLException {
        for (UUID id : slidingSegments()) {
            expire(id);
        }
    }

    @Transactional
    List<UUID> slidingSegments() {
        return segments.inDependencyOrder().stream().filter(segment -> segment.rule().slides())
                .map(CompiledSegment::id).toList();
    }

    @Transactional
    void expire(UUID segmentId) throws SQLException {
        Segment segment = Segment.findById(segmentId, LockModeType.PESSIMISTIC_WRITE);
        if (segment == null || !segment.isActive()) {
            return;
        }
        Instant now = Instant.now();
        Instant since = segment.expiryCheckedAt != null ? segment.expiryCheckedAt : segment.createdAt;
        List<String> candidates = history.profiles(new RuleSql(config.timeZone(), now)
                .agedOut(segments.rule(SegmentVersion.of(segmentId, segment.currentVersion).orElseThrow()), since));
        membership.reevaluate(segmentId, candidates, "events aged out of the window");
        segment.expiryCheckedAt = now;
    }
}
