package io.firstparty.consent;

import io.firstparty.contracts.events.ConsentEvidence;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;

/** People as the profile service announces them, with the consent their events carry. */
public final class TestPeople {

    private TestPeople() {
    }

    public static String newProfileId() {
        return "p-" + UUID.randomUUID();
    }

    public static Identifier email(String local) {
        return new Identifier(IdentifierType.EMAIL, local + "-" + UUID.randomUUID() + "@example.com");
    }

    /** Publishes an event resolved to the profile and waits until the consent service knows the person. */
    public static String resolve(String profileId, List<Identifier> identifiers, Map<String, Boolean> preferences,
                                 List<ConsentEvidence> evidence) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        EventAccepted event = new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, "src-test", EventType.IDENTIFY,
                "u-" + profileId, null, null, null, null, null, null, null, null, null, preferences, identifiers,
                now, now, now, evidence);
        TestKafka.send(Topics.IDENTITIES_RESOLVED, new IdentityResolved(IdentityResolved.CURRENT_VERSION, profileId,
                messageId, identifiers, now, event));
        return messageId;
    }

    public static String resolved(String profileId) {
        resolve(profileId, List.of(email("someone")), Map.of(), List.of());
        within(Duration.ofSeconds(30), () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + profileId + "/consents")
                .then().statusCode(200));
        return profileId;
    }

    /**
     * People at brands not linked to each other who all hold the identifier, each with e-mail marketing
     * granted, once the consent service knows them all.
     */
    public static List<String> holdersOf(Identifier identifier, int count) {
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String holder = newProfileId();
            resolve(holder, List.of(identifier), Map.of("email_marketing", true), List.of());
            holders.add(holder);
        }
        holders.forEach(holder ->
                within(Duration.ofSeconds(30), () -> CaptureTest.expect(holder, "email_marketing", true, "granted")));
        return holders;
    }
}
