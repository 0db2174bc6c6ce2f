package io.firstparty.consent;

import io.firstparty.consent.objection.service.ObjectionTokens;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ObjectionTest {

    private static final String PURPOSE = "ai_training";

    @Inject
    ObjectionTokens tokens;

    @Test
    void oneClickOnThePersonalLinkRecordsOneObjectionInTheLedger() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        String token = tokens.issue(person, PURPOSE, "fr", Instant.now()).token();

        RestAssured.given().get("/v1/objections/" + token).then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("oppose</button>"))
                .body(containsString("method=\"post\""))
                .body(not(containsString("<script")))
                .body(not(containsString("<textarea")));

        for (int answer = 0; answer < 2; answer++) {
            RestAssured.given().contentType("application/x-www-form-urlencoded").post("/v1/objections/" + token)
                    .then().statusCode(200)
                    .body(containsString("id=\"confirmation\""))
                    .body(not(containsString("<form")));
        }

        List<Map<String, Object>> objections = as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.action == 'object' }");
        assertEquals(1, objections.size(), "the same link answered twice is one objection");
        Map<String, Object> objection = objections.get(0);
        assertEquals(PURPOSE, objection.get("purpose"));
        assertEquals("email_link", objection.get("channel"));
        assertEquals("objection_form", objection.get("method"));
        assertEquals(LedgerTest.textHash(PURPOSE, "fr"), objection.get("textHash"));

        RestAssured.given().get("/v1/objections/" + token).then()
                .statusCode(200)
                .body(containsString("id=\"confirmation\""));
    }

    @Test
    void theFormSpeaksThePersonsLanguage() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        RestAssured.given().get("/v1/objections/" + tokens.issue(person, PURPOSE, "en", Instant.now()).token()).then()
                .statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("I object"));
    }

    @Test
    void forgedOrExpiredLinksAreRefusedAndRecordNothing() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        String genuine = tokens.issue(person, PURPOSE, "en", Instant.now()).token();
        String someoneElse = tokens.issue(TestPeople.newProfileId(), PURPOSE, "en", Instant.now()).token();
        String forged = someoneElse.substring(0, someoneElse.indexOf('.')) + genuine.substring(genuine.indexOf('.'));
        String expired = tokens.issue(person, PURPOSE, "en", Instant.now().minus(400, ChronoUnit.DAYS)).token();

        for (String token : List.of(forged, "not-a-token", expired)) {
            RestAssured.given().contentType("application/x-www-form-urlencoded").post("/v1/objections/" + token)
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("violations[0].field", equalTo("/token"));
        }
        RestAssured.given().get("/v1/objections/" + expired).then()
                .statusCode(400)
                .body("violations[0].rule", containsString("expired"));
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then()
                .statusCode(200)
                .body("findAll { it.action == 'object' }.size()", equalTo(0));
    }

    @Test
    void aPrivacyOfficerGetsAWorkingLinkOnlyForALegitimateInterest() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        String path = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", PURPOSE, "language", "fr"))
                .post("/v1/people/" + person + "/objection-links").then()
                .statusCode(201)
                .body("expiresAt", notNullValue())
                .extract().path("path");
        RestAssured.given().get(path).then().statusCode(200).body(containsString("<html lang=\"fr\">"));

        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "email_marketing", "language", "fr"))
                .post("/v1/people/" + person + "/objection-links").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("/purpose"));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", PURPOSE, "language", "de"))
                .post("/v1/people/" + person + "/objection-links").then()
                .statusCode(400).body("violations[0].field", equalTo("/language"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", PURPOSE, "language", "fr"))
                .post("/v1/people/" + person + "/objection-links").then().statusCode(403);
    }

    @Test
    void aLinkForSomeoneUnknownOrErasedFindsNoOne() {
        String nobody = tokens.issue(TestPeople.newProfileId(), PURPOSE, "en", Instant.now()).token();
        RestAssured.given().get("/v1/objections/" + nobody).then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }
}
