package io.firstparty.profile.merges.service;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.IdentifierRemoved;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.profile.merges.domain.MergeLogEntry;
import io.firstparty.profile.merges.domain.MergeView;
import io.firstparty.profile.messaging.ChangePublisher;
import io.firstparty.profile.messaging.ChangePublisher.Outgoing;
import io.firstparty.profile.profiles.domain.LinkedIdentifier;
import io.firstparty.profile.profiles.domain.ProfileEntity;
import io.firstparty.profile.profiles.repository.EventMoves;
import io.firstparty.profile.profiles.repository.TraitRepository;
import io.firstparty.profile.profiles.service.ProfileLookup;
import io.firstparty.profile.resolution.domain.BatchGraph;
import io.firstparty.profile.resolution.domain.MergeDecision;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an admin does to the graph: undo a merge along the log, take one identifier off a profile,
 * and decide merges waiting in the review queue. Each publishes the profile changes, so segments
 * and consent follow.
 */
@ApplicationScoped
public class MergeOperations {

    private final ProfileLookup lookup;
    private final EventMoves events;
    private final TraitRepository traits;
    private final ChangePublisher publisher;
    private final DataSource dataSource;

    MergeOperations(ProfileLookup lookup, EventMoves events, TraitRepository traits, ChangePublisher publisher,
                    DataSource dataSource) {
        this.lookup = lookup;
        this.events = events;
        this.traits = traits;
        this.publisher = publisher;
        this.dataSource = dataSource;
    }

    @Transactional
    public List<MergeView> queue(String status, int limit) {
        return MergeLogEntry.<MergeLogEntry>find("status", Sort.by("createdAt").and("id"), status)
                .page(0, limit).list().stream().map(MergeView::of).toList();
    }

    /**
     * Splits the absorbed profile back out, with the identifiers and events that first joined it or
     * the profiles folded into it before; both sides' traits are rebuilt from their own events. The
     * pair is never merged automatically again.
     */
    @Transactional(rollbackOn = Exception.class)
    public MergeView unmerge(UUID mergeId, String reason) throws SQLException {
        MergeLogEntry entry = entry(mergeId, MergeDecision.MERGED);
        ProfileEntity root = lock(lookup.survivor(entry.survivorId).id);
        ProfileEntity restored = ProfileEntity.findById(entry.absorbedId);
        restored.mergedInto = null;
        restored.updatedAt = Instant.now();
        Set<UUID> restoredTree = MergeHistory.tree(restored.id);
        LinkedIdentifier.update("profileId = ?1 where profileId = ?2 and originProfileId in ?3 and status = ?4",
                restored.id, root.id, restoredTree, BatchGraph.LINKED);
        List<EventAccepted> moved = events.move(root.id, restoredTree, restored.id);
        entry.status = MergeDecision.UNMERGED;
        entry.decidedAt = Instant.now();
        rebuildTraits(List.of(root.id, restored.id));

        List<Outgoing> records = new ArrayList<>();
        records.add(new Outgoing(Topics.PROFILE_CHANGES, new ProfileUnmerged(ProfileUnmerged.CURRENT_VERSION,
                root.id.toString(), restored.id.toString(), entry.id.toString(), reason, Instant.now())));
        records.addAll(reResolved(restored.id, moved));
        publisher.publish(records);
        return MergeView.of(entry);
    }

    /** Merges a pair waiting for review, past the limit that held it, as the admin decided. */
    @Transactional(rollbackOn = Exception.class)
    public MergeView accept(UUID mergeId) throws SQLException {
        MergeLogEntry entry = entry(mergeId, MergeDecision.PENDING_REVIEW);
        UUID survivorRoot = lookup.survivor(entry.survivorId).id;
        UUID absorbedRoot = lookup.survivor(entry.absorbedId).id;
        if (survivorRoot.equals(absorbedRoot)) {
            throw new ConflictException("these profiles are already one");
        }
        ProfileEntity survivor = lock(survivorRoot);
        ProfileEntity absorbed = lock(absorbedRoot);
        Set<UUID> absorbedTree = MergeHistory.tree(absorbed.id);
        absorbed.mergedInto = survivor.id;
        absorbed.updatedAt = Instant.now();
        LinkedIdentifier.update("profileId = ?1 where profileId = ?2", survivor.id, absorbed.id);
        List<EventAccepted> moved = events.move(absorbed.id, absorbedTree, survivor.id);
        entry.status = MergeDecision.MERGED;
        entry.survivorId = survivor.id;
        entry.absorbedId = absorbed.id;
        entry.reason = entry.reason + "; accepted by an admin";
        entry.decidedAt = Instant.now();
        rebuildTraits(List.of(survivor.id));

        List<Outgoing> records = new ArrayList<>();
        records.add(new Outgoing(Topics.PROFILE_CHANGES, new ProfileMerged(ProfileMerged.CURRENT_VERSION,
                survivor.id.toString(), absorbed.id.toString(), entry.id.toString(), entry.rule + ": " + entry.reason,
                Instant.now())));
        records.addAll(reResolved(survivor.id, moved));
        publisher.publish(records);
        return MergeView.of(entry);
    }

    @Transactional
    public MergeView reject(UUID mergeId) {
        MergeLogEntry entry = entry(mergeId, MergeDecision.PENDING_REVIEW);
        entry.status = MergeDecision.REJECTED;
        entry.decidedAt = Instant.now();
        return MergeView.of(entry);
    }

    /**
     * Takes an identifier off its profile onto a profile of its own where it links nobody: events
     * carrying it no longer reach the profile. Past events stay where they are.
     */
    @Transactional
    public void removeIdentifier(Identifier identifier, String brand, String reason) throws SQLException {
        LinkedIdentifier linked = lookup.locate(identifier, brand, null);
        if (!BatchGraph.LINKED.equals(linked.status)) {
            throw new ResourceNotFoundException("no profile is linked by this identifier");
        }
        UUID profile = lock(linked.profileId).id;
        UUID own = ProfileEntity.create(linked.space).id;
        linked.profileId = own;
        linked.originProfileId = own;
        linked.status = BatchGraph.REMOVED;
        publisher.publish(List.of(new Outgoing(Topics.PROFILE_CHANGES, new IdentifierRemoved(
                IdentifierRemoved.CURRENT_VERSION, profile.toString(), identifier.type(), identifier.hash(), reason,
                Instant.now()))));
    }

    private static MergeLogEntry entry(UUID mergeId, String expectedStatus) {
        MergeLogEntry entry = MergeLogEntry.findById(mergeId, LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            throw new ResourceNotFoundException("no merge log entry with this id");
        }
        if (!expectedStatus.equals(entry.status)) {
            throw new ConflictException("this merge is " + entry.status + ", not " + expectedStatus);
        }
        return entry;
    }

    /** The same row lock resolution takes, so an admin change and a poll never interleave on one profile. */
    private static ProfileEntity lock(UUID id) {
        return ProfileEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private void rebuildTraits(List<UUID> profiles) throws SQLException {
        Panache.getEntityManager().flush();
        try (Connection connection = dataSource.getConnection()) {
            traits.rebuild(connection, profiles);
        }
    }

    /** {@code IdentityResolved} is an upsert by message id: consumers move each event to its profile. */
    private static List<Outgoing> reResolved(UUID profile, List<EventAccepted> moved) {
        List<Identifier> identifiers = LinkedIdentifier.ofProfile(profile).stream()
                .filter(identifier -> BatchGraph.LINKED.equals(identifier.status))
                .map(LinkedIdentifier::identifier).toList();
        Instant now = Instant.now();
        return moved.stream().map(event -> new Outgoing(Topics.IDENTITIES_RESOLVED, new IdentityResolved(
                IdentityResolved.CURRENT_VERSION, profile.toString(), event.messageId(), identifiers, now, event))).toList();
    }
}
