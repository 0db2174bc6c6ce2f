package io.firstparty.consent;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ObjectionRequestTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);

    @Test
    void anObjectionWithoutPurposesCoversEveryLegitimateInterestAndIsCompleteAtOnce() {
        String person = TestPeople.newProfileId();
        Identifier email = TestPeople.email("object");
        TestPeople.resolve(person, List.of(email), Map.of("email_marketing", true), List.of());
        within(TRAVEL, () -> CaptureTest.expect(person, "email_marketing", true, "granted"));
        CaptureTest.expect(person, "ai_training", true, "no_objection");

        String id = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("identifier", email.key()))
                .post("/v1/objection-requests").then()
                .statusCode(201)
                .body("status", equalTo("complete"))
                .body("profileId", equalTo(person))
                .body("purposes", hasItem("ai_training"))
                .body("purposes", not(hasItem("email_marketing")))
                .extract().path("id");
        CaptureTest.expect(person, "ai_training", false, "objected");
        CaptureTest.expect(person, "email_marketing", true, "granted");
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then().statusCode(200)
                .body("find { it.purpose == 'ai_training' }.action", equalTo("object"))
                .body("find { it.purpose == 'ai_training' }.channel", equalTo("privacy_officer"))
                .body("find { it.purpose == 'ai_training' }.method", equalTo("objection_request"));
        var filed = as(Roles.PRIVACY_OFFICER).get("/v1/objection-requests/" + id).then().statusCode(200)
                .body("status", equalTo("complete")).extract().jsonPath();
        assertEquals(filed.getList("purposes").size(), filed.getList("ledgerRecords").size(), "one record per purpose");
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then()
                .body("id", hasItem(filed.getString("ledgerRecords[0]")));
    }

    @Test
    void anObjectionByAnIdentifierIsRecordedForEveryPersonHoldingIt() {
        Identifier email = TestPeople.email("two-brands");
        List<String> holders = TestPeople.holdersOf(email, 2);

        String id = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("identifier", email.key(), "purposes", List.of("ai_training")))
                .post("/v1/objection-requests").then()
                .statusCode(201)
                .body("profileId", in(holders))
                .body("ledgerRecords.size()", equalTo(2))
                .extract().path("id");
        for (String holder : holders) {
            CaptureTest.expect(holder, "ai_training", false, "objected");
            as(Roles.PRIVACY_OFFICER).get("/v1/people/" + holder + "/ledger").then().statusCode(200)
                    .body("find { it.purpose == 'ai_training' }.method", equalTo("objection_request"));
        }
        as(Roles.PRIVACY_OFFICER).get("/v1/objection-requests/" + id).then().statusCode(200)
                .body("ledgerRecords.size()", equalTo(2));
    }

    @Test
    void onlyLegitimateInterestsOfAKnownPersonMayBeObjectedToByAnOfficer() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("profileId", person, "purposes", List.of("ai_training")))
                .post("/v1/objection-requests").then().statusCode(201)
                .body("purposes", equalTo(List.of("ai_training")));
        CaptureTest.expect(person, "ai_training", false, "objected");

        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("profileId", person, "purposes", List.of("email_marketing")))
                .post("/v1/objection-requests").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/purposes/0"));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("profileId", person, "purposes", List.of("ai_training", "no_such_purpose")))
                .post("/v1/objection-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("/purposes/1"));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("purposes", List.of()))
                .post("/v1/objection-requests").then().statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("identifier", TestPeople.email("unknown").key()))
                .post("/v1/objection-requests").then().statusCode(404).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("profileId", person))
                .post("/v1/objection-requests").then().statusCode(403);
        as(Roles.PRIVACY_OFFICER).get("/v1/objection-requests/no-such-request").then().statusCode(404);
    }
}
