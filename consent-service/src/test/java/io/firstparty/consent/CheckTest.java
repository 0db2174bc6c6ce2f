package io.firstparty.consent;

import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CheckTest {

    @Test
    void consentBasedPurposesFailClosedAndLegitimateInterestsHoldUntilAnObjection() {
        String stranger = TestPeople.newProfileId();
        CaptureTest.expect(stranger, "email_marketing", false, "unknown_person");
        CaptureTest.expect(stranger, "ai_training", true, "no_objection");
        String person = TestPeople.resolved(TestPeople.newProfileId());
        CaptureTest.expect(person, "email_marketing", false, "no_record");

        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("choices", Map.of("ai_training", false, "email_marketing", true), "channel", "in_app"))
                .put("/v1/people/" + person + "/consents").then().statusCode(200);
        CaptureTest.expect(person, "ai_training", false, "objected");
        CaptureTest.checkProfile(person, "email_marketing").body("allowed", equalTo(true))
                .body("recordId", org.hamcrest.Matchers.notNullValue());
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/consents").then()
                .statusCode(200)
                .body("find { it.purpose.code == 'ai_training' }.standing.reason", equalTo("objected"))
                .body("find { it.purpose.code == 'analytics' }.standing.reason", equalTo("no_record"));
    }

    @Test
    void aBatchOfTenThousandPeopleIsAnsweredInOrderWithCounts() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("choices", Map.of("analytics", true)))
                .put("/v1/people/" + person + "/consents").then().statusCode(200);
        List<String> ids = new ArrayList<>(Collections.nCopies(9_999, "p-nobody"));
        ids.add(5_000, person);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", "analytics", "profileIds", ids))
                .post("/v1/consents/check/batch").then()
                .statusCode(200)
                .body("allowed", equalTo(1))
                .body("denied", equalTo(9_999))
                .body("results[5000].profileId", equalTo(person))
                .body("results[5000].allowed", equalTo(true))
                .body("results[0].reason", equalTo("unknown_person"));
    }

    @Test
    void badChecksAreProblemsNamingTheField() {
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", "telepathy", "profileId", "p-1"))
                .post("/v1/consents/check").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem("/purpose"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", "analytics", "identifier", "fax:123"))
                .post("/v1/consents/check").then()
                .statusCode(400).body("violations.field", hasItem("/identifier"));
        as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "analytics", "profileIds", Collections.nCopies(10_001, "p")))
                .post("/v1/consents/check/batch").then()
                .statusCode(413).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", "analytics", "profileIds", List.of("p", "")))
                .post("/v1/consents/check/batch").then()
                .statusCode(400).body("violations.field", hasItem("/profileIds/1"));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("choices", Map.of("telepathy", true)))
                .put("/v1/people/" + TestPeople.resolved(TestPeople.newProfileId()) + "/consents").then()
                .statusCode(400).body("violations.field", hasItem("/choices/telepathy"));
    }
}
