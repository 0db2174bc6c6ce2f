package io.firstparty.profile.privacy.service;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.profile.profiles.domain.LinkedIdentifier;
import io.firstparty.profile.profiles.service.ProfileLookup;
import io.firstparty.profile.resolution.domain.BatchGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The profiles a data-subject request is about: the one named by id (or its survivor) and, for each
 * identifier, the person's profile in every identity space that links it.
 */
@ApplicationScoped
public class RequestedPeople {

    private final ProfileLookup lookup;

    RequestedPeople(ProfileLookup lookup) {
        this.lookup = lookup;
    }

    @Transactional
    public Set<UUID> roots(String profileId, List<Identifier> identifiers) {
        Set<UUID> roots = new LinkedHashSet<>();
        if (profileId != null) {
            try {
                roots.add(lookup.survivor(UUID.fromString(profileId)).id);
            } catch (IllegalArgumentException | ResourceNotFoundException e) {
                // Not a profile held here: the identifiers may still find one.
            }
        }
        // An identifier is the person's in every identity space: each brand's profile of it counts.
        for (Identifier identifier : identifiers) {
            for (LinkedIdentifier linked : LinkedIdentifier.inEverySpace(identifier)) {
                if (BatchGraph.LINKED.equals(linked.status)) {
                    roots.add(lookup.survivor(linked.profileId).id);
                }
            }
        }
        return roots;
    }
}
