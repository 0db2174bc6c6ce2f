package io.firstparty.consent.requests.service;

import io.firstparty.consent.people.service.People;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Whom a data-subject request is about: the person behind a profile id, or every person holding an
 * identifier (one address may be two people at two unlinked brands, and the request concerns both).
 */
@ApplicationScoped
public class RequestSubjects {

    private static final int MAX_PROFILE_ID = 200;

    private final People people;
    private final IdentifierNormalizer normalizer;

    RequestSubjects(People people, IdentifierNormalizer normalizer) {
        this.people = people;
        this.normalizer = normalizer;
    }

    /**
     * @param identifiers what the request named the person by; empty when named by profile id
     * @param people      the people it concerns, the most recently resolved first; empty when none is known
     */
    public record Subject(List<Identifier> identifiers, List<String> people) {

        /** The profile the request is tracked under; null when no person is known. */
        public String person() {
            return people.isEmpty() ? null : people.get(0);
        }
    }

    /** The subject a caller named by exactly one of a profile id or an identifier. */
    @Transactional
    public Subject named(String profileId, String identifier) {
        if ((profileId == null) == (identifier == null)) {
            throw new InvalidInputException("", "name the person by exactly one of profileId or identifier");
        }
        if (identifier != null) {
            return of(IdentifierParameter.parse("/identifier", identifier, normalizer));
        }
        if (profileId.isBlank() || profileId.length() > MAX_PROFILE_ID) {
            throw new InvalidInputException("/profileId", "is a profile id of at most " + MAX_PROFILE_ID + " characters");
        }
        return new Subject(List.of(), List.of(people.personOf(profileId)));
    }

    /** {@link #named}, for a request that needs a person this service knows: else a 404. */
    @Transactional
    public Subject known(String profileId, String identifier) {
        Subject subject = named(profileId, identifier);
        if (identifier == null) {
            people.requireKnown(profileId);
        } else if (subject.people().isEmpty()) {
            throw new ResourceNotFoundException("no person with this identifier is known to the consent service");
        }
        return subject;
    }

    /** Everyone holding the identifier. */
    @Transactional
    public Subject of(Identifier identifier) {
        return new Subject(List.of(identifier), people.peopleOf(identifier));
    }
}
