package io.firstparty.profile.privacy.service;

import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.profile.merges.service.MergeHistory;
import io.firstparty.profile.messaging.ChangePublisher;
import io.firstparty.profile.messaging.ChangePublisher.Outgoing;
import io.firstparty.profile.privacy.repository.ErasureRepository;
import io.firstparty.profile.profiles.domain.LinkedIdentifier;
import io.firstparty.profile.profiles.domain.ProfileEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Erases a person (GDPR Art. 17): the profile found by id or by any identifier, every profile merged
 * into it, their identifiers, traits and events, and the personal values of their merge log. The
 * identifiers' hashes are kept as tombstones, so a replayed event of this person links nothing.
 */
@ApplicationScoped
public class ErasureService {

    public static final String SERVICE = "profile-service";

    private final RequestedPeople people;
    private final ErasureRepository erasures;
    private final ChangePublisher publisher;

    ErasureService(RequestedPeople people, ErasureRepository erasures, ChangePublisher publisher) {
        this.people = people;
        this.erasures = erasures;
        this.publisher = publisher;
    }

    @Transactional(rollbackOn = Exception.class)
    public ErasureCompleted erase(ErasureRequested request) throws SQLException {
        if (erasures.alreadyAnswered(request.requestId())) {
            return null;
        }
        List<Outgoing> records = new ArrayList<>();
        List<String> erased = new ArrayList<>();
        long items = 0;
        for (UUID root : profilesOf(request)) {
            ProfileEntity.findById(root, LockModeType.PESSIMISTIC_WRITE);
            Set<UUID> tree = MergeHistory.tree(root);
            List<String> hashes = LinkedIdentifier.<LinkedIdentifier>list("profileId in ?1 or originProfileId in ?1", tree)
                    .stream().map(identifier -> identifier.identifier().hash()).distinct().toList();
            items += erasures.erase(tree, hashes);
            erased.add(root.toString());
            records.add(new Outgoing(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION,
                    root.toString(), request.requestId(), hashes, Instant.now())));
        }
        String outcome = erased.isEmpty() ? ErasureCompleted.NOTHING_HELD : ErasureCompleted.ERASED;
        ErasureCompleted report = new ErasureCompleted(ErasureCompleted.CURRENT_VERSION, request.requestId(), SERVICE,
                erased, items, outcome, null, Instant.now());
        records.add(new Outgoing(Topics.ERASURE_REPORTS, report));
        erasures.answered(request.requestId(), outcome);
        publisher.publish(records);
        return report;
    }

    private Set<UUID> profilesOf(ErasureRequested request) {
        return people.roots(request.profileId(), request.identifiers());
    }
}
