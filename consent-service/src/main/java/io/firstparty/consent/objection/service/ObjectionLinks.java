package io.firstparty.consent.objection.service;

import io.firstparty.consent.objection.rest.ObjectionLinkRequest;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Set;

/** Issues personal objection links, only for purposes one objects to: legitimate interests. */
@ApplicationScoped
public class ObjectionLinks {

    private static final Set<String> LANGUAGES = Set.of("fr", "en");

    private final People people;
    private final PurposeService purposes;
    private final ObjectionTokens tokens;

    ObjectionLinks(People people, PurposeService purposes, ObjectionTokens tokens) {
        this.people = people;
        this.purposes = purposes;
        this.tokens = tokens;
    }

    /** The form's path (public under {@code /v1/objections}) and until when it works. */
    public record Link(String path, Instant expiresAt) {
    }

    @Transactional
    public Link issue(String profileId, ObjectionLinkRequest request) {
        if (request == null) {
            throw new InvalidInputException("", "a purpose and a language are required");
        }
        String person = people.requireKnown(profileId);
        Purpose purpose = purposes.require("/purpose", request.purpose());
        if (purpose.consentBased()) {
            throw new InvalidInputException("/purpose",
                    "must be a legitimate-interest purpose: a consent is withdrawn, not objected to");
        }
        if (!LANGUAGES.contains(request.language())) {
            throw new InvalidInputException("/language", "must be fr or en");
        }
        ObjectionTokens.Issued issued = tokens.issue(person, purpose.code, request.language(), Instant.now());
        return new Link("/v1/objections/" + issued.token(), issued.expiresAt());
    }
}
