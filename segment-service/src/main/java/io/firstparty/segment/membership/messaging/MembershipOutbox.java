package io.firstparty.segment.membership.messaging;

import io.firstparty.contracts.events.SegmentEntered;
import io.firstparty.contracts.events.SegmentExited;
import io.firstparty.contracts.events.SegmentMembershipChange;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.segment.membership.domain.MembershipChange;
import io.firstparty.segment.membership.repository.MembershipRepository;
import io.firstparty.segment.config.StartupGate;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Publishes recorded entries and exits to the membership topic. Changes are written with the
 * membership they describe, in the same transaction, and published from the log, so none is lost
 * when the broker is down; rows are claimed with SKIP LOCKED, so replicas share the work.
 */
@ApplicationScoped
public class MembershipOutbox {

    private static final int BATCH = 2_000;

    private final MembershipRepository membership;
    private final RecordPublisher publisher;

    MembershipOutbox(MembershipRepository membership, RecordPublisher publisher) {
        this.membership = membership;
        this.publisher = publisher;
    }

    @Scheduled(every = "${firstparty.segment.publish-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = StartupGate.class)
    void drain() throws Exception {
        while (publishBatch() == BATCH) {
            // keep going until the log is drained
        }
    }

    @Transactional
    int publishBatch() throws Exception {
        List<MembershipChange> changes = membership.claimUnpublished(BATCH);
        if (changes.isEmpty()) {
            return 0;
        }
        publisher.publish(Topics.SEGMENT_MEMBERSHIP, changes.stream().map(MembershipOutbox::record).toList());
        membership.markPublished(changes);
        return changes.size();
    }

    private static SegmentMembershipChange record(MembershipChange change) {
        String segmentId = change.segmentId().toString();
        return MembershipChange.ENTERED.equals(change.change())
                ? new SegmentEntered(SegmentEntered.CURRENT_VERSION, segmentId, change.profileId(), change.ruleVersion(), change.occurredAt())
                : new SegmentExited(SegmentExited.CURRENT_VERSION, segmentId, change.profileId(), change.ruleVersion(), change.occurredAt());
    }
}
