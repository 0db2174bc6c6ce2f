package io.firstparty.segment.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.segment.TestSegments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Every kind of bad input of the issue gets a 4xx problem naming the field and the rule, never a 500. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SegmentBadInputTest {

    private static final String GOOD_RULE = "{\"event\": {\"name\": \"Order Completed\", \"within\": \"P30D\"}}";

    @BeforeEach
    void purposes() {
        TestSegments.awaitPurposes();
    }

    private static ValidatableResponse create(String body) {
        return as(Roles.MARKETER).contentType(ContentType.JSON).body(body).post("/v1/segments").then()
                .contentType(PROBLEM_JSON)
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }

    private static String withRule(String rule) {
        return TestSegments.definition("bad " + UUID.randomUUID(), "personalization", rule, false);
    }

    @Test
    void anUnknownPurposeIsRefused() {
        create(TestSegments.definition("x", "mind_reading", GOOD_RULE, false)).statusCode(400)
                .body("violations.field", hasItem("/purpose"));
    }

    @Test
    void missingFieldsAreEachNamed() {
        create("{\"rule\": " + GOOD_RULE + "}").statusCode(400)
                .body("violations.field", hasItem("/name"))
                .body("violations.field", hasItem("/owner"))
                .body("violations.field", hasItem("/purpose"));
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        create("{\"name\": \"x\", \"rule\": {\"event\": ").statusCode(400);
    }

    @Test
    void unknownFieldsInTheRuleAreNamed() {
        create(withRule("{\"event\": {\"name\": \"x\", \"windw\": \"P3D\"}}")).statusCode(400)
                .body("violations[0].field", equalTo("/rule/event/windw"));
    }

    @Test
    void absurdNestingIsRefused() {
        String rule = GOOD_RULE;
        for (int i = 0; i < 10; i++) {
            rule = "{\"any\": [" + rule + "]}";
        }
        create(withRule(rule)).statusCode(400).body("violations[0].rule", containsString("nest at most"));
    }

    @Test
    void aRuleThatWouldScanWithoutBoundIsRefused() {
        create(withRule("{\"event\": {\"type\": \"page\"}}")).statusCode(400)
                .body("violations[0].field", equalTo("/rule/event"))
                .body("violations[0].rule", containsString("estimated cost"));
    }

    @Test
    void negativeAndEnormousWindowsAreRefused() {
        create(withRule("{\"event\": {\"name\": \"x\", \"within\": \"-P1D\"}}")).statusCode(400)
                .body("violations[0].field", equalTo("/rule/event/within"));
        create(withRule("{\"event\": {\"name\": \"x\", \"within\": \"P36500D\"}}")).statusCode(400)
                .body("violations[0].field", equalTo("/rule/event/within"));
    }

    @Test
    void aReferenceToAnUnknownSegmentIsRefused() {
        create(withRule("{\"inSegment\": \"" + UUID.randomUUID() + "\"}")).statusCode(400)
                .body("violations[0].field", equalTo("/rule/inSegment"));
    }

    @Test
    void previewRefusesWhatCreateRefusesAndSizesWhatItAccepts() {
        as(Roles.MARKETER).contentType(ContentType.JSON).body(withRule("{\"event\": {}}"))
                .post("/v1/segments/preview").then().statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(withRule(GOOD_RULE))
                .post("/v1/segments/preview").then().statusCode(200)
                .body("cost", equalTo(31)).body("costLimit", equalTo(5000));
    }

    @Test
    void unknownSegmentsAreNotFound() {
        as(Roles.MARKETER).get("/v1/segments/{id}/members", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).get("/v1/segments/{id}/members/p-1", UUID.randomUUID()).then().statusCode(404);
        as(Roles.MARKETER).get("/v1/segments/not-a-uuid/members").then().statusCode(404);
    }

    @Test
    void badExportParametersAreNamed() {
        UUID segment = TestSegments.create("Any buyer", "personalization", GOOD_RULE);
        as(Roles.MARKETER).queryParam("format", "xlsx").get("/v1/segments/{id}/export", segment).then()
                .statusCode(400).body("violations[0].field", equalTo("format"));
        as(Roles.MARKETER).queryParam("traits", "email;drop table").get("/v1/segments/{id}/export", segment).then()
                .statusCode(400).body("violations[0].field", equalTo("traits"));
        as(Roles.MARKETER).queryParam("days", 5000).get("/v1/segments/{id}/size", segment).then()
                .statusCode(400).body("violations[0].field", equalTo("days"));
    }
}
