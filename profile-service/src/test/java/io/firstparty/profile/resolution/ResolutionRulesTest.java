package io.firstparty.profile.resolution;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.Eventually;
import io.firstparty.profile.AcceptedEvents;
import io.firstparty.profile.Published;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import io.firstparty.profile.resolution.service.ResolutionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.sendRaw;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;
import static io.firstparty.profile.AcceptedEvents.withIdentifiers;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Merge rules, exactly-once effect and bad input on the resolution path. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ResolutionRulesTest {

    @Inject
    DataSource dataSource;

    @Inject
    ResolutionService resolution;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAliasThatWouldMergeTwoIdentifiedPeopleIsRefusedAndQueued() {
        EventAccepted first = identify(null, "u1-" + run, traits("email", "one." + run + "@example.com"));
        EventAccepted second = identify(null, "u2-" + run, traits("email", "two." + run + "@example.com"));
        send(first, second);
        List<UUID> profiles = awaitResolved(dataSource, List.of(first, second));
        EventAccepted alias = withIdentifiers(EventType.ALIAS, null, "u2-" + run, null, Map.of(), Map.of(),
                List.of(new Identifier(IdentifierType.USER_ID, "u2-" + run)));
        alias = new EventAccepted(alias.schemaVersion(), alias.messageId(), alias.sourceId(), alias.type(), alias.userId(),
                null, null, null, null, "u1-" + run, null, null, null, null, Map.of(), alias.identifiers(),
                alias.timestamp(), alias.sentAt(), alias.receivedAt());
        send(alias);

        assertEquals(profiles.get(1), awaitResolved(dataSource, alias), "the alias lands on its user id's profile");
        assertNotEquals(profiles.get(0), profiles.get(1));
        as(Roles.ADMIN).get("/v1/profiles/" + profiles.get(1) + "/merges").then().statusCode(200)
                .body("merges.find { it.messageId == '" + alias.messageId() + "' }.status", equalTo("pending-review"))
                .body("merges.find { it.messageId == '" + alias.messageId() + "' }.rule", equalTo("limit:user_id"));
        as(Roles.ADMIN).get("/v1/merges").then().statusCode(200).body("messageId", hasItem(alias.messageId()));
    }

    @Test
    void twoStrongIdentifiersSeenTogetherMergeAndTheAbsorbedIdKeepsResolving() {
        EventAccepted byEmail = identify("web-" + run, null, traits("email", "merge." + run + "@example.com", "plan", "basic"));
        EventAccepted byCard = identify("shop-" + run, null, traits("loyaltyCard", "MC" + run, "plan", "gold"));
        send(byEmail, byCard);
        List<UUID> before = awaitResolved(dataSource, List.of(byEmail, byCard));
        EventAccepted both = identify(null, null, traits("email", "merge." + run + "@example.com", "loyaltyCard", "MC" + run));
        send(both);
        UUID survivor = awaitResolved(dataSource, both);

        UUID absorbed = before.get(0).equals(survivor) ? before.get(1) : before.get(0);
        as(Roles.MARKETER).get("/v1/profiles/" + absorbed).then().statusCode(200)
                .body("id", equalTo(survivor.toString()))
                .body("identifiers.value", hasItems("web-" + run, "shop-" + run, "MC" + run.toUpperCase()))
                .body("computed.eventCounts.identify", equalTo(3));
        List<com.fasterxml.jackson.databind.JsonNode> merged = Published.await(Topics.PROFILE_CHANGES, 1,
                record -> "ProfileMerged".equals(record.path("change").asText())
                        && absorbed.toString().equals(record.path("absorbedProfileId").asText()));
        assertEquals(survivor.toString(), merged.get(0).path("profileId").asText());
    }

    @Test
    void aRedeliveredEventChangesNothingTheSecondTime() {
        EventAccepted order = track("again-" + run, null, "Order Completed", Map.of(), Map.of("revenue", 30));
        send(order);
        UUID profile = awaitResolved(dataSource, order);
        send(order, track("again-" + run, null, "Page Viewed", Map.of(), Map.of()));

        Eventually.within(Duration.ofSeconds(30), () -> as(Roles.MARKETER).get("/v1/profiles/" + profile).then()
                .statusCode(200).body("computed.eventCounts.track", equalTo(2)));
        as(Roles.MARKETER).get("/v1/profiles/" + profile).then().body("computed.totalRevenue", equalTo(30));
        List<com.fasterxml.jackson.databind.JsonNode> resolved = Published.await(Topics.IDENTITIES_RESOLVED, 1,
                record -> order.messageId().equals(record.path("messageId").asText()));
        assertEquals(profile.toString(), resolved.get(0).path("profileId").asText());
        assertEquals("Order Completed", resolved.get(0).path("event").path("event").asText());
    }

    /**
     * Records go out before the database commits: a poll rolled back after that (the database or the
     * broker lost mid-poll) and resolved again must name the same new profile, or the other services
     * would keep a profile that never existed (a second e-mail to the same person, for one).
     */
    @Test
    void aPollRolledBackAfterItsRecordsWentOutMakesTheSameProfileAgain() throws Exception {
        EventAccepted signUp = identify("rolled-back-" + run, "rolled-back-user-" + run, Map.of());
        List<IncomingEvent> poll = List.of(new IncomingEvent(signUp, ContractJson.MAPPER.writeValueAsString(signUp)));
        QuarkusTransaction.begin();
        try {
            resolution.apply(poll);
        } finally {
            QuarkusTransaction.rollback();
        }
        resolution.apply(poll);

        UUID stored = AcceptedEvents.profileOf(dataSource, signUp.messageId());
        List<com.fasterxml.jackson.databind.JsonNode> published = Published.await(Topics.IDENTITIES_RESOLVED, 2,
                record -> signUp.messageId().equals(record.path("messageId").asText()));
        assertEquals(2, published.size(), "published by the attempt rolled back and by the one committed");
        published.forEach(record -> assertEquals(stored.toString(), record.path("profileId").asText()));
    }

    @Test
    void identifiersThatAreNotWhatTheyClaimAreRecordedAndNotLinked() {
        List<Identifier> offered = new ArrayList<>(List.of(new Identifier(IdentifierType.ANONYMOUS_ID, "bad-" + run),
                new Identifier(IdentifierType.EMAIL, "no-at-sign-" + run),
                new Identifier(IdentifierType.PHONE, "+33 6 ABC " + run)));
        EventAccepted event = withIdentifiers(EventType.IDENTIFY, "bad-" + run, null, null, Map.of(), Map.of(), offered);
        send(event);
        UUID profile = awaitResolved(dataSource, event);

        as(Roles.MARKETER).get("/v1/profiles/" + profile).then().statusCode(200)
                .body("identifiers.type", not(hasItem("email")));
        as(Roles.ADMIN).get("/v1/identity-graph/rejected-identifiers").then().statusCode(200)
                .body("findAll { it.messageId == '" + event.messageId() + "' }.identifierType", hasItems("email", "phone"))
                .body("findAll { it.messageId == '" + event.messageId() + "' }.reason",
                        hasItem("must be an e-mail address such as name@example.com"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTableAndThePartitionMovesOn() {
        String key = "anon:poison-" + run;
        sendRaw(key, ("{\"messageId\": \"poison-" + run + "\", \"type\": \"teleport\"}").getBytes(StandardCharsets.UTF_8));
        EventAccepted after = track("poison-" + run, null, "Page Viewed", Map.of(), Map.of());
        send(after);

        awaitResolved(dataSource, after);
        as(Roles.ADMIN).get("/v1/identity-graph/dead-letters").then().statusCode(200)
                .body("reason", hasItem("not a readable accepted event"));
    }

    @Test
    void aForgedCursorIsAProblemNamingTheParameter() {
        EventAccepted event = track("cursor-" + run, null, "Page Viewed", Map.of(), Map.of());
        send(event);
        UUID profile = awaitResolved(dataSource, event);
        as(Roles.MARKETER).queryParam("cursor", "not-a-cursor!").get("/v1/profiles/" + profile + "/events").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void timelinePagesFollowTheCursor() {
        List<EventAccepted> views = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            views.add(track("pages-" + run, null, "Page " + i, Map.of(), Map.of()));
        }
        send(views);
        UUID profile = awaitResolved(dataSource, views).get(0);
        String next = as(Roles.MARKETER).queryParam("limit", 3).get("/v1/profiles/" + profile + "/events").then()
                .statusCode(200).body("items.size()", equalTo(3)).extract().path("next");
        as(Roles.MARKETER).queryParam("limit", 3).queryParam("cursor", next).get("/v1/profiles/" + profile + "/events")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("next", equalTo(null));
    }

    @Test
    void mergeRulesAreListedAndChangedByAdminsOnly() {
        as(Roles.MARKETER).get("/v1/merge-rules").then().statusCode(403);
        as(Roles.ADMIN).get("/v1/merge-rules").then().statusCode(200)
                .body("find { it.identifierType == 'user_id' }.maxPerProfile", equalTo(1))
                .body("find { it.identifierType == 'anonymous_id' }.blockedValues", hasItem("undefined"));
        as(Roles.ADMIN).contentType("application/json")
                .body(Map.of("priority", 85, "maxPerProfile", 2, "sharedAfter", 3, "blockedValues", List.of(),
                        "declaredTraits", List.of("crm_id")))
                .put("/v1/merge-rules/external").then().statusCode(200).body("declaredTraits", hasItem("crm_id"));
        as(Roles.ADMIN).contentType("application/json")
                .body(Map.of("priority", 85, "maxPerProfile", 0, "sharedAfter", 3, "blockedValues", List.of()))
                .put("/v1/merge-rules/email").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void aDryRunTellsWhichProfilesARuleChangeWouldSplit() {
        String email = "dry." + run + "@example.com";
        EventAccepted phone = identify("dry-m-" + run, null, traits("email", email));
        EventAccepted laptop = identify("dry-l-" + run, null, traits("email", email));
        send(phone, laptop);
        List<UUID> profiles = awaitResolved(dataSource, List.of(phone, laptop));
        assertEquals(profiles.get(0), profiles.get(1));

        List<String> blocked = new ArrayList<>(as(Roles.ADMIN).get("/v1/merge-rules").then().statusCode(200)
                .extract().<List<String>>path("find { it.identifierType == 'email' }.blockedValues"));
        blocked.add(email);
        as(Roles.ADMIN).contentType("application/json")
                .body(Map.of("priority", 80, "maxPerProfile", 3, "sharedAfter", 3, "blockedValues", blocked))
                .post("/v1/merge-rules/email/dry-run").then().statusCode(200)
                .body("wouldSplit", hasItem(profiles.get(0).toString()));
        as(Roles.ADMIN).get("/v1/merge-rules").then()
                .body("find { it.identifierType == 'email' }.blockedValues", not(hasItem(email)));
    }

    @Test
    void aProfileHoldsNoMoreAnonymousIdsThanItsRuleAllows() {
        Map<String, Object> rule = as(Roles.ADMIN).get("/v1/merge-rules").then().statusCode(200)
                .extract().path("find { it.identifierType == 'anonymous_id' }");
        Map<String, Object> limited = new java.util.HashMap<>(rule);
        limited.remove("identifierType");
        limited.remove("updatedAt");
        Map<String, Object> restored = new java.util.HashMap<>(limited);
        limited.put("maxPerProfile", 2);
        as(Roles.ADMIN).contentType("application/json").body(limited).put("/v1/merge-rules/anonymous_id").then().statusCode(200);
        try {
            UUID profile = null;
            for (String device : List.of("d1-", "d2-", "d3-")) {
                EventAccepted visit = identify(device + run, "anon-limit-" + run, Map.of());
                send(visit);
                UUID landed = awaitResolved(dataSource, visit);
                assertEquals(profile == null ? landed : profile, landed, "the user id's events left its profile");
                profile = landed;
            }
            as(Roles.MARKETER).get("/v1/profiles/" + profile).then().statusCode(200)
                    .body("identifiers.value", hasItems("d1-" + run, "d2-" + run))
                    .body("identifiers.value", not(hasItem("d3-" + run)));
        } finally {
            as(Roles.ADMIN).contentType("application/json").body(restored).put("/v1/merge-rules/anonymous_id").then().statusCode(200);
        }
    }

    @Test
    void aKioskSeenWithManyDifferentPeopleStopsLinking() {
        String kiosk = "kiosk-many-" + run;
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EventAccepted visit = identify(kiosk, null, traits("email", "visitor" + i + "." + run + "@example.com"));
            send(visit);
            people.add(awaitResolved(dataSource, visit));
        }
        assertEquals(6, new java.util.HashSet<>(people).size(), "a kiosk fused two of its visitors");
        as(Roles.ADMIN).get("/v1/identity-graph/shared-identifiers").then().statusCode(200).body("value", hasItem(kiosk));
        as(Roles.MARKETER).get("/v1/profiles/" + people.get(0)).then().statusCode(200)
                .body("identifiers.value", not(hasItem(kiosk)));
        EventAccepted later = identify(kiosk, null, traits("email", "visitor0." + run + "@example.com"));
        send(later);
        assertEquals(people.get(0), awaitResolved(dataSource, later), "a shared kiosk decided where an e-mail lands");
    }
}
