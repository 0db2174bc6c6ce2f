package io.firstparty.segment.history.messaging;

import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ProfileChange;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.segment.config.StartupGate;
import io.firstparty.segment.history.service.HistoryService;
import io.firstparty.segment.membership.messaging.RecordPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Objects;

/**
 * Reads the profile service's topics: resolved events (keyed by profile, so one person's events
 * arrive in order) and profile changes. Offsets are committed after the work is done, so a crash
 * redelivers, and redelivery is harmless.
 */
@ApplicationScoped
public class ProfileStreams {

    private final HistoryService history;
    private final RecordPublisher publisher;
    private final StartupGate gate;

    ProfileStreams(HistoryService history, RecordPublisher publisher, StartupGate gate) {
        this.history = history;
        this.publisher = publisher;
        this.gate = gate;
    }

    @Incoming("identities-resolved")
    @Blocking
    void onResolved(List<IdentityResolved> records) throws Exception {
        gate.await();
        history.record(records.stream().filter(Objects::nonNull).toList());
    }

    @Incoming("profile-changes")
    @Blocking
    void onChanges(List<ProfileChange> changes) throws Exception {
        gate.await();
        for (ProfileChange change : changes) {
            if (change instanceof ProfileMerged merged) {
                history.merge(merged);
            } else if (change instanceof ProfileUnmerged unmerged) {
                history.unmerge(unmerged);
            } else if (change instanceof TraitsChanged traits) {
                history.changeTraits(traits);
            } else if (change instanceof ProfileErased erased) {
                ErasureCompleted report = history.erase(erased);
                publisher.publish(Topics.ERASURE_REPORTS, List.of(report));
            }
        }
    }
}
