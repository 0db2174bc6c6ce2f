package io.firstparty.segment.history.service;

import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.segment.history.domain.Erasure;
import io.firstparty.segment.history.repository.HistoryRepository;
import io.firstparty.segment.membership.service.MembershipService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies what the profile service publishes to the history and membership, each record in one
 * transaction with the membership it changes. Every step is an upsert or a delete, so a
 * redelivered record changes nothing twice.
 */
@ApplicationScoped
public class HistoryService {

    static final String SERVICE = "segment-service";
    /** The cause recorded with the exits an erasure makes. */
    private static final String ERASURE_CAUSE = "erasure";

    private final HistoryRepository history;
    private final MembershipService membership;

    HistoryService(HistoryRepository history, MembershipService membership) {
        this.history = history;
        this.membership = membership;
    }

    @Transactional
    public void record(List<IdentityResolved> events) throws SQLException {
        Set<String> touched = history.store(events);
        membership.reevaluate(touched, "new event");
    }

    @Transactional
    public void merge(ProfileMerged merged) throws SQLException {
        history.merge(merged.profileId(), merged.absorbedProfileId());
        membership.reevaluate(List.of(merged.profileId(), merged.absorbedProfileId()),
                "profile " + merged.absorbedProfileId() + " merged into " + merged.profileId());
    }

    @Transactional
    public void unmerge(ProfileUnmerged unmerged) throws SQLException {
        membership.reevaluate(List.of(unmerged.profileId(), unmerged.restoredProfileId()),
                "profile " + unmerged.restoredProfileId() + " unmerged from " + unmerged.profileId());
    }

    @Transactional
    public void changeTraits(TraitsChanged change) throws SQLException {
        history.applyTraits(change.profileId(), change.traits());
        membership.reevaluate(List.of(change.profileId()), "traits changed");
    }

    /**
     * Deletes everything held of the profile, once per request; a redelivery reports the same result
     * again. Every membership is closed with an exit caused by the erasure, which is all that is kept
     * of the person (the profile id, the segment, the time) so that downstream audiences drop them too.
     */
    @Transactional
    public ErasureCompleted erase(ProfileErased erased) throws SQLException {
        Optional<Erasure> earlier = history.erasure(erased.erasureRequestId());
        Erasure erasure = earlier.isPresent() ? earlier.get()
                : new Erasure(erased.erasureRequestId(), erased.profileId(), history.erase(erased.profileId())
                + membership.removeEverywhere(erased.profileId(), ERASURE_CAUSE), Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (earlier.isEmpty()) {
            history.recordErasure(erasure);
        }
        return new ErasureCompleted(ErasureCompleted.CURRENT_VERSION, erasure.requestId(), SERVICE,
                List.of(erasure.profileId()), erasure.itemsErased(),
                erasure.itemsErased() > 0 ? ErasureCompleted.ERASED : ErasureCompleted.NOTHING_HELD, null,
                erasure.completedAt());
    }
}
