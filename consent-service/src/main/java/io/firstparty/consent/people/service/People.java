package io.firstparty.consent.people.service;

import io.firstparty.consent.people.domain.IdentifierLink;
import io.firstparty.consent.people.domain.Person;
import io.firstparty.consent.people.domain.ProfileLink;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who a profile id or an identifier stands for. Consent belongs to the person: a merged profile
 * answers as the profile that absorbed it, and an identifier as the profile it was last resolved to.
 */
@ApplicationScoped
public class People {

    /** The profile that holds this profile's consent now (itself unless it was merged away). */
    @Transactional
    public String personOf(String profileId) {
        ProfileLink link = ProfileLink.findById(profileId);
        return link == null ? profileId : link.survivorId;
    }

    /** The person most recently resolved with this identifier; {@link #peopleOf} when every holder matters. */
    @Transactional
    public Optional<String> personOf(Identifier identifier) {
        return IdentifierLink.<IdentifierLink>find("identifierHash = ?1 order by linkedAt desc", identifier.hash())
                .firstResultOptional().map(link -> personOf(link.profileId));
    }

    /**
     * Every person holding this identifier: one per brand, unless brands were linked. An answer or
     * a signal about the identifier concerns each of them.
     */
    @Transactional
    public List<String> peopleOf(Identifier identifier) {
        return peopleOfHash(identifier.hash());
    }

    /** {@link #peopleOf(Identifier)} for an identifier known by its hash only; the most recently resolved first. */
    @Transactional
    public List<String> peopleOfHash(String identifierHash) {
        return IdentifierLink.<IdentifierLink>list("identifierHash = ?1 order by linkedAt desc", identifierHash)
                .stream().map(link -> personOf(link.profileId)).distinct().toList();
    }

    /** The person behind a profile id a caller named, or a 404. */
    @Transactional
    public String requireKnown(String profileId) {
        String person = personOf(profileId);
        if (Person.findById(person) == null) {
            throw new ResourceNotFoundException("no person with this profile id has been resolved");
        }
        return person;
    }

    /**
     * Records that the profile exists and holds these identifiers.
     *
     * @return the hashes of identifiers new to this profile, which may have signals waiting
     */
    @Transactional
    public List<String> learn(String profileId, Collection<Identifier> identifiers, Instant at) {
        if (Person.findById(profileId) == null) {
            Person person = new Person();
            person.profileId = profileId;
            person.firstSeenAt = at;
            person.persist();
        }
        List<String> linked = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            String hash = identifier.hash();
            if (IdentifierLink.findById(new IdentifierLink.Key(hash, profileId)) == null) {
                IdentifierLink link = new IdentifierLink();
                link.identifierHash = hash;
                link.profileId = profileId;
                link.linkedAt = at;
                link.persist();
                linked.add(hash);
            }
        }
        return linked;
    }

    /** Folds the absorbed profile into the survivor, with every profile that had been folded into it. */
    @Transactional
    public void merge(String absorbedId, String survivorId, String mergeId) {
        ProfileLink.update("survivorId = ?1 where survivorId = ?2", survivorId, absorbedId);
        ProfileLink link = new ProfileLink();
        link.absorbedId = absorbedId;
        link.survivorId = survivorId;
        link.mergeId = mergeId;
        link.persist();
        // Both profiles often hold the identifier that joined them: the survivor keeps one link of each.
        IdentifierLink.getEntityManager().createNativeQuery("""
                        INSERT INTO identifier_link (identifier_hash, profile_id, linked_at)
                        SELECT identifier_hash, ?1, linked_at FROM identifier_link WHERE profile_id = ?2
                        ON CONFLICT (identifier_hash, profile_id) DO NOTHING""")
                .setParameter(1, survivorId).setParameter(2, absorbedId).executeUpdate();
        IdentifierLink.delete("profileId", absorbedId);
    }

    /** @return whether the merge was in force (false for a repeated or unknown unmerge) */
    @Transactional
    public boolean unmerge(String restoredId, String mergeId) {
        return ProfileLink.delete("absorbedId = ?1 and mergeId = ?2", restoredId, mergeId) > 0;
    }

    @Transactional
    public boolean merged(String absorbedId, String mergeId) {
        return ProfileLink.count("absorbedId = ?1 and mergeId = ?2", absorbedId, mergeId) > 0;
    }

    /** The profile ids whose chains make up this person's history: theirs and every profile merged in. */
    @Transactional
    public List<String> chainsOf(String person) {
        List<String> chains = new ArrayList<>();
        chains.add(person);
        ProfileLink.<ProfileLink>list("survivorId", person).forEach(link -> chains.add(link.absorbedId));
        return chains;
    }

    /** Forgets the person and every profile merged into them (erasure). */
    @Transactional
    /** @return how many rows of the person, their links and identifiers were deleted */
    public long forget(String person) {
        List<String> chains = chainsOf(person);
        return IdentifierLink.delete("profileId in ?1", chains) + Person.delete("profileId in ?1", chains)
                + ProfileLink.delete("survivorId", person);
    }
}
