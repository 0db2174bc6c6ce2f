package io.firstparty.profile.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.Published;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.profileOf;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access (Art. 15/20) and erasure (Art. 17) of a person held by the profile service. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ErasureAndExportTest {

    @Inject
    DataSource dataSource;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theExportHoldsEverythingAndTheErasureRemovesItOnceAndForAll() {
        String email = "erase." + run + "@example.com";
        EventAccepted signUp = identify("er-" + run, null, traits("email", email, "firstName", "Eve"));
        EventAccepted order = track("er-" + run, null, "Order Completed", Map.of(), Map.of("revenue", 99));
        send(signUp, order);
        UUID profile = awaitResolved(dataSource, List.of(signUp, order)).get(0);

        as(Roles.MARKETER).get("/v1/profiles/" + profile + "/export").then().statusCode(403);
        as(Roles.PRIVACY_OFFICER).get("/v1/profiles/" + profile + "/export").then().statusCode(200)
                .body("profile.traits.firstName.value", equalTo("Eve"))
                .body("identifiers.value", hasItems(email, "er-" + run))
                .body("events.messageId", hasItems(signUp.messageId(), order.messageId()))
                .body("events.find { it.messageId == '" + order.messageId() + "' }.event.properties.revenue", equalTo(99));

        String requestId = "req-" + run;
        Identifier byEmail = new Identifier(IdentifierType.EMAIL, email);
        send(new ErasureRequested(ErasureRequested.CURRENT_VERSION, requestId, null, List.of(byEmail), Instant.now()));
        List<JsonNode> reports = Published.await(Topics.ERASURE_REPORTS, 1,
                record -> requestId.equals(record.path("requestId").asText()));
        assertEquals("erased", reports.get(0).path("outcome").asText());
        assertEquals("profile-service", reports.get(0).path("service").asText());
        assertTrue(reports.get(0).path("itemsErased").asLong() >= 5, "profile, identifiers, trait and events");
        List<JsonNode> erased = Published.await(Topics.PROFILE_CHANGES, 1, record -> "ProfileErased".equals(record.path("change").asText())
                && profile.toString().equals(record.path("profileId").asText()));
        assertTrue(erased.get(0).path("identifierHashes").toString().contains(byEmail.hash()));

        as(Roles.PRIVACY_OFFICER).get("/v1/profiles/" + profile).then().statusCode(404);
        assertNull(profileOf(dataSource, order.messageId()));

        String secondId = "req2-" + run;
        send(new ErasureRequested(ErasureRequested.CURRENT_VERSION, secondId, profile.toString(), List.of(byEmail), Instant.now()));
        List<JsonNode> second = Published.await(Topics.ERASURE_REPORTS, 1, record -> secondId.equals(record.path("requestId").asText()));
        assertEquals("nothing-held", second.get(0).path("outcome").asText());

        EventAccepted replayed = identify("er2-" + run, null, traits("email", email));
        send(replayed);
        EventAccepted marker = track("er-marker-" + run, null, "Page Viewed", Map.of(), Map.of());
        send(marker);
        awaitResolved(dataSource, marker);
        as(Roles.PRIVACY_OFFICER).queryParam("identifier", "email:" + email).get("/v1/profiles").then().statusCode(404);
        as(Roles.ADMIN).get("/v1/identity-graph/shared-identifiers").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.not(hasItem(email)));
    }
}
