package io.firstparty.profile.merges;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.Published;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.profileOf;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Unmerge, identifier removal and the review queue, each publishing the profile change. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class MergeOperationsTest {

    @Inject
    DataSource dataSource;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anUnmergeSplitsTheProfileBackWithItsEventsAndTraits() {
        EventAccepted web = identify("web-" + run, null, traits("email", "split." + run + "@example.com", "city", "Lyon"));
        EventAccepted shop = track("shop-" + run, null, "Order Completed", traits("loyaltyCard", "SP" + run), Map.of("revenue", 12));
        send(web, shop);
        List<UUID> apart = awaitResolved(dataSource, List.of(web, shop));
        EventAccepted joining = identify(null, null, traits("email", "split." + run + "@example.com", "loyaltyCard", "SP" + run));
        send(joining);
        UUID survivor = awaitResolved(dataSource, joining);
        UUID absorbed = apart.get(0).equals(survivor) ? apart.get(1) : apart.get(0);
        String mergeId = as(Roles.ADMIN).get("/v1/profiles/" + survivor + "/merges").then().statusCode(200)
                .extract().path("merges.find { it.status == 'merged' }.id");

        as(Roles.MARKETER).contentType("application/json").body(Map.of("reason", "wrong card"))
                .post("/v1/merges/" + mergeId + "/unmerge").then().statusCode(403);
        as(Roles.ADMIN).contentType("application/json").body(Map.of("reason", "wrong card"))
                .post("/v1/merges/" + mergeId + "/unmerge").then().statusCode(200).body("status", equalTo("unmerged"));

        EventAccepted absorbedEvent = absorbed.equals(apart.get(0)) ? web : shop;
        assertEquals(absorbed, profileOf(dataSource, absorbedEvent.messageId()));
        as(Roles.MARKETER).get("/v1/profiles/" + absorbed).then().statusCode(200).body("id", equalTo(absorbed.toString()));
        as(Roles.MARKETER).get("/v1/profiles/" + survivor).then().statusCode(200)
                .body("identifiers.value", not(hasItem(absorbedEvent.anonymousId())));
        Published.await(Topics.PROFILE_CHANGES, 1, record -> "ProfileUnmerged".equals(record.path("change").asText())
                && mergeId.equals(record.path("mergeId").asText()));
        List<JsonNode> reResolved = Published.await(Topics.IDENTITIES_RESOLVED, 2,
                record -> absorbedEvent.messageId().equals(record.path("messageId").asText()));
        assertEquals(absorbed.toString(), reResolved.get(reResolved.size() - 1).path("profileId").asText());

        as(Roles.ADMIN).contentType("application/json").body(Map.of("reason", "again"))
                .post("/v1/merges/" + mergeId + "/unmerge").then().statusCode(409).contentType(PROBLEM_JSON);
        EventAccepted again = identify(null, null, traits("email", "split." + run + "@example.com", "loyaltyCard", "SP" + run));
        send(again);
        awaitResolved(dataSource, again);
        assertNotEquals(profileOf(dataSource, web.messageId()), profileOf(dataSource, shop.messageId()),
                "an unmerged pair merged again by itself");
    }

    @Test
    void aRemovedIdentifierNoLongerReachesItsProfile() {
        EventAccepted first = identify("rm-" + run, "user-rm-" + run, traits("email", "family." + run + "@example.com"));
        send(first);
        UUID profile = awaitResolved(dataSource, first);
        as(Roles.ADMIN).contentType("application/json")
                .body(Map.of("identifier", "email:family." + run + "@example.com", "reason", "family address"))
                .post("/v1/merges/identifier-removals").then().statusCode(204);
        as(Roles.MARKETER).get("/v1/profiles/" + profile).then().body("identifiers.type", not(hasItem("email")));
        Published.await(Topics.PROFILE_CHANGES, 1, record -> "IdentifierRemoved".equals(record.path("change").asText())
                && profile.toString().equals(record.path("profileId").asText()));

        EventAccepted later = identify(null, null, traits("email", "family." + run + "@example.com"));
        send(later);
        assertNotEquals(profile, awaitResolved(dataSource, later));
    }

    @Test
    void aMergeWaitingForReviewIsAcceptedByAnAdmin() {
        EventAccepted one = identify(null, "rv1-" + run, Map.of());
        EventAccepted two = identify(null, "rv2-" + run, traits("email", "review." + run + "@example.com"));
        send(one, two);
        awaitResolved(dataSource, List.of(one, two));
        EventAccepted both = identify(null, "rv1-" + run, traits("email", "review." + run + "@example.com"));
        send(both);
        awaitResolved(dataSource, both);
        String pending = as(Roles.ADMIN).get("/v1/merges").then().statusCode(200)
                .extract().path("find { it.messageId == '" + both.messageId() + "' }.id");

        as(Roles.ADMIN).post("/v1/merges/" + pending + "/accept").then().statusCode(200).body("status", equalTo("merged"));
        assertEquals(profileOf(dataSource, one.messageId()), profileOf(dataSource, two.messageId()));
        as(Roles.ADMIN).post("/v1/merges/" + pending + "/reject").then().statusCode(409);
    }
}
