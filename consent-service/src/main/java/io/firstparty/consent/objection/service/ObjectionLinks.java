package io.firstparty.consent.objection.service;

import io.firstparty.consent.config.ConsentConfig;
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

    private static final String FORM = "/v1/objections/";

    private final People people;
    private final PurposeService purposes;
    private final ObjectionTokens tokens;
    private final ConsentConfig config;

    ObjectionLinks(People people, PurposeService purposes, ObjectionTokens tokens, ConsentConfig config) {
        this.people = people;
        this.purposes = purposes;
        this.tokens = tokens;
        this.config = config;
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
        if (request.language() == null || !LANGUAGES.contains(request.language())) {
            throw new InvalidInputException("/language", "must be fr or en");
        }
        ObjectionTokens.Issued issued = tokens.issue(person, purpose.code, request.language(), Instant.now());
        return new Link(FORM + issued.token(), issued.expiresAt());
    }

    /** The full address of a person's link, as notices carry it, for a person and purpose already checked. */
    public String url(String person, String purpose, String language) {
        return config.campaigns().publicUrl() + FORM + tokens.issue(person, purpose, language, Instant.now()).token();
    }
}
