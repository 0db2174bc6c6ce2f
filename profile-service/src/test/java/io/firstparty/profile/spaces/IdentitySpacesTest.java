package io.firstparty.profile.spaces;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.Published;
import io.firstparty.profile.reresolution.service.ResolutionJobRunner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.profileOf;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Identity is per brand: the same e-mail at two brands is two people until an admin links the brands. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class IdentitySpacesTest {

    @Inject
    DataSource dataSource;

    @Inject
    ResolutionJobRunner runner;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theSameEmailAtTwoBrandsIsTwoPeopleUntilTheBrandsAreLinkedAndReResolved() {
        String lumiere = "Lumière " + run;
        String atelier = "Atelier " + run;
        String email = "ada." + run + "@example.com";
        EventAccepted atLumiere = identify("lum-" + run, null, traits("email", email, "city", "Lyon")).withBrand(lumiere);
        EventAccepted atAtelier = identify("ate-" + run, null, traits("email", email)).withBrand(atelier);
        EventAccepted purchase = track("ate-" + run, null, "Order Completed", Map.of(), Map.of("revenue", 30)).withBrand(atelier);
        send(atLumiere, atAtelier, purchase);
        List<UUID> apart = awaitResolved(dataSource, List.of(atLumiere, atAtelier, purchase));
        assertNotEquals(apart.get(0), apart.get(1), "two brands that are not linked fused one e-mail's customers");

        as(Roles.MARKETER).queryParam("identifier", "email:" + email).get("/v1/profiles").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("brand"))
                .body("violations[0].rule", containsString("brand:" + lumiere));
        as(Roles.MARKETER).queryParam("identifier", "email:" + email).queryParam("brand", lumiere).get("/v1/profiles")
                .then().statusCode(200).body("id", equalTo(apart.get(0).toString())).body("space", equalTo("brand:" + lumiere));
        as(Roles.MARKETER).queryParam("identifier", "email:" + email).queryParam("brand", atelier).get("/v1/profiles")
                .then().statusCode(200).body("id", equalTo(apart.get(1).toString()));

        String space = "group-" + run;
        as(Roles.MARKETER).contentType("application/json").body(Map.of("name", space, "brands", List.of(lumiere, atelier)))
                .post("/v1/identity-spaces").then().statusCode(403);
        as(Roles.ADMIN).contentType("application/json").body(Map.of("name", space, "brands", List.of(lumiere, atelier)))
                .post("/v1/identity-spaces").then().statusCode(201)
                .body("name", equalTo("shared:" + space))
                .body("brands.status", hasItems("pending", "pending"));
        as(Roles.ADMIN).contentType("application/json").body(Map.of("name", "other-" + run, "brands", List.of(atelier, "Elsewhere")))
                .post("/v1/identity-spaces").then().statusCode(409).contentType(PROBLEM_JSON);

        EventAccepted whileLinking = identify(null, null, traits("email", email)).withBrand(atelier);
        send(whileLinking);
        assertEquals(apart.get(1), awaitResolved(dataSource, whileLinking), "a link took effect before a job applied it");

        String job = as(Roles.ADMIN).contentType("application/json").body(Map.of())
                .post("/v1/resolution-jobs").then().statusCode(202)
                .body("status", equalTo("running"))
                .body("brandsApplied", hasItems(lumiere, atelier))
                .extract().path("id");
        as(Roles.ADMIN).contentType("application/json").body(Map.of()).post("/v1/resolution-jobs").then().statusCode(409);
        runJob();

        as(Roles.ADMIN).get("/v1/resolution-jobs/" + job).then().statusCode(200)
                .body("status", equalTo("completed")).body("merges", greaterThanOrEqualTo(1));
        as(Roles.ADMIN).get("/v1/identity-spaces/" + space).then().statusCode(200).body("brands.status", hasItems("active", "active"));
        UUID one = profileOf(dataSource, atLumiere.messageId());
        assertEquals(one, profileOf(dataSource, atAtelier.messageId()));
        assertEquals(one, profileOf(dataSource, purchase.messageId()));
        for (String brand : List.of(lumiere, atelier)) {
            as(Roles.MARKETER).queryParam("identifier", "email:" + email).queryParam("brand", brand).get("/v1/profiles")
                    .then().statusCode(200).body("id", equalTo(one.toString())).body("space", equalTo("shared:" + space))
                    .body("traits.city.value", equalTo("Lyon")).body("computed.totalRevenue", equalTo(30));
        }
        assertFalse(Published.await(Topics.PROFILE_CHANGES, 1, record -> "ProfileMerged".equals(record.path("change").asText())
                && Set.of(apart.get(0).toString(), apart.get(1).toString()).containsAll(
                        List.of(record.path("profileId").asText(), record.path("absorbedProfileId").asText()))).isEmpty());

        EventAccepted afterwards = identify("lum2-" + run, null, traits("email", email)).withBrand(atelier);
        send(afterwards);
        assertEquals(one, awaitResolved(dataSource, afterwards));
    }

    private void runJob() {
        try {
            runner.runAs("replica-" + run, Integer.MAX_VALUE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
