package io.firstparty.segment.membership.service;

import io.firstparty.segment.config.SegmentConfig;
import io.firstparty.segment.membership.domain.Applied;
import io.firstparty.segment.membership.repository.MembershipRepository;
import io.firstparty.segment.rules.service.RuleSql;
import io.firstparty.segment.segments.domain.CompiledSegment;
import io.firstparty.segment.segments.service.ActiveSegments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Keeps membership current: every path that can change who is in a segment (a new event, a trait,
 * a merge, a new rule version, time passing) ends here, with the profiles concerned and a cause.
 */
@ApplicationScoped
public class MembershipService {

    private final ActiveSegments segments;
    private final MembershipRepository membership;
    private final SegmentConfig config;

    MembershipService(ActiveSegments segments, MembershipRepository membership, SegmentConfig config) {
        this.segments = segments;
        this.membership = membership;
        this.config = config;
    }

    /** Re-evaluates every active segment for the given profiles. */
    @Transactional
    public Applied reevaluate(Collection<String> profileIds, String cause) throws SQLException {
        membership.lockForStream();
        return evaluate(segments.inDependencyOrder(), profileIds, cause);
    }

    /**
     * Evaluates a segment over all stored history, then the segments that depend on it, so that a
     * new rule or version is complete the moment it is saved.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Applied backfill(UUID segmentId, String cause) throws SQLException {
        membership.lockForBackfill();
        return evaluate(segments.withDependents(segmentId), null, cause);
    }

    /** Evaluates the segment and those depending on it, for the given profiles, under the stream's lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Applied reevaluate(UUID segmentId, Collection<String> profileIds, String cause) throws SQLException {
        membership.lockForStream();
        return evaluate(segments.withDependents(segmentId), profileIds, cause);
    }

    /** The profile leaves every segment at once, whatever the rules say (it was erased); returns the exits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long removeEverywhere(String profileId, String cause) throws SQLException {
        membership.lockForStream();
        return membership.removeProfile(profileId, cause, Instant.now());
    }

    /** Evaluates the given segments, in their order, for the given profiles (null: everyone). */
    private Applied evaluate(List<CompiledSegment> ordered, Collection<String> profileIds, String cause)
            throws SQLException {
        Applied total = new Applied(0, 0);
        if (profileIds != null && profileIds.isEmpty()) {
            return total;
        }
        String[] restrictTo = profileIds == null ? null : profileIds.toArray(String[]::new);
        Instant now = Instant.now();
        RuleSql sql = new RuleSql(config.timeZone(), now);
        for (CompiledSegment segment : ordered) {
            total = total.plus(membership.apply(segment.id(), segment.version(), sql.members(segment.rule(), restrictTo),
                    restrictTo, cause, now, config.queryTimeout()));
        }
        return total;
    }
}
