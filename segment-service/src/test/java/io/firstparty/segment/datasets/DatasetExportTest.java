package io.firstparty.segment.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.PurposeDecision;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.segment.TestSegments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.segment.TestStreams.consent;
import static io.firstparty.segment.TestStreams.publish;
import static io.firstparty.segment.TestStreams.track;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dataset exports carry only people whose consent state allows the purpose, and a manifest that says so. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class DatasetExportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PATH = "/v1/datasets/exports";

    /** A legitimate-interest purpose (like ai_training) whose campaign started ten days ago; returns its code. */
    private static String legitimateInterest(Instant processingStartsAt) {
        String code = "ai_training_" + UUID.randomUUID().toString().substring(0, 8);
        publish(Topics.CONSENT_PURPOSES, code, new PurposeDefined(PurposeDefined.CURRENT_VERSION, code,
                LawfulBasis.LEGITIMATE_INTEREST, 1, processingStartsAt, Instant.now()));
        return code;
    }

    private static String request(String purpose, String eventName) {
        return "{\"purpose\": \"" + purpose + "\", \"format\": \"ndjson\", \"brand\": \"acme\","
                + " \"events\": {\"types\": [\"track\"], \"names\": [\"" + eventName + "\"],"
                + " \"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2100-01-01T00:00:00Z\"}}";
    }

    private static ExtractableResponse<Response> export(String body) {
        return as(Roles.MARKETER).contentType(ContentType.JSON).body(body).post(PATH).then()
                .statusCode(200).contentType("application/x-ndjson").extract();
    }

    private static IdentityResolved branded(String profileId, String event, Instant at, String brand) {
        IdentityResolved plain = track(profileId, event, at, "{\"step\": 1}", null);
        return new IdentityResolved(plain.schemaVersion(), plain.profileId(), plain.messageId(), plain.identifiers(),
                plain.resolvedAt(), plain.event().withBrand(brand));
    }

    private static List<JsonNode> lines(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(ContractJson.MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void objectorsBeforeAndAfterTheCampaignStartAreLeftOutOfALegitimateInterestExport() throws Exception {
        Instant campaignStart = Instant.now().minus(20, ChronoUnit.DAYS);
        String purpose = legitimateInterest(Instant.now().minus(10, ChronoUnit.DAYS));
        String event = TestSegments.unique("Quiz Completed");
        String silent = "p-" + UUID.randomUUID();
        String otherPurposeWithdrawn = "p-" + UUID.randomUUID();
        String objectedBefore = "p-" + UUID.randomUUID();
        String objectedAfter = "p-" + UUID.randomUUID();
        consent(otherPurposeWithdrawn, "personalization", ConsentStatus.WITHDRAWN, "ev-w");
        consent(objectedBefore, Map.of(purpose, new PurposeDecision(ConsentStatus.OBJECTED,
                campaignStart.minus(30, ChronoUnit.DAYS), null, "ev-before")));
        consent(objectedAfter, Map.of(purpose, new PurposeDecision(ConsentStatus.OBJECTED, Instant.now(), null, "ev-after")));
        for (String id : List.of(silent, otherPurposeWithdrawn, objectedBefore, objectedAfter)) {
            publish(branded(id, event, Instant.now().minusSeconds(3600), "acme"));
            publish(branded(id, event, Instant.now().minusSeconds(60), "acme"));
        }
        publish(branded(silent, event, Instant.now(), "another-brand"));

        within(WAIT, () -> {
            String body = export(request(purpose, event)).asString();
            assertTrue(body.contains("\"peopleConsidered\":4"), body);
        });
        ExtractableResponse<Response> response = export(request(purpose, event));
        List<JsonNode> lines = lines(response.asString());
        JsonNode manifest = lines.get(lines.size() - 1);
        List<JsonNode> events = lines.subList(0, lines.size() - 1);

        Set<String> people = new HashSet<>();
        events.forEach(line -> {
            assertEquals("event", line.get("record").asText());
            assertEquals("acme", line.get("brand").asText());
            assertEquals(1, line.get("properties").get("step").asInt());
            people.add(line.get("profileId").asText());
        });
        assertEquals(Set.of(silent, otherPurposeWithdrawn), people);
        assertFalse(response.asString().contains(objectedBefore));
        assertFalse(response.asString().contains(objectedAfter));
        assertEquals("manifest", manifest.get("record").asText());
        assertEquals(purpose, manifest.get("purpose").asText());
        assertEquals("legitimate_interest", manifest.get("lawfulBasis").asText());
        assertEquals(4, manifest.get("events").asLong());
        assertEquals(events.size(), manifest.get("events").asLong());
        assertEquals(people.size(), manifest.get("peopleIncluded").asLong());
        assertEquals(4, manifest.get("peopleConsidered").asLong());
        assertEquals(2, manifest.get("peopleExcluded").get("objected").asLong());
        assertEquals(0, manifest.get("peopleExcluded").get("noConsentState").asLong());
        assertEquals(Topics.CONSENT_CHANGES, manifest.get("ledger").get("topic").asText());
        assertFalse(manifest.get("ledger").get("nextOffsets").isEmpty(), manifest.toString());

        String id = response.header("Location").substring(response.header("Location").lastIndexOf('/') + 1);
        assertEquals(manifest.get("exportId").asText(), id);
        JsonNode stored = ContractJson.MAPPER.readTree(as(Roles.PRIVACY_OFFICER).get(PATH + "/{id}", id).then()
                .statusCode(200).body("status", equalTo("completed")).body("requestedBy", equalTo("alice"))
                .extract().asString()).get("manifest");
        assertEquals(manifest.get("events"), stored.get("events"));
        assertEquals(manifest.get("peopleExcluded"), stored.get("peopleExcluded"));
        assertEquals(manifest.get("ledger"), stored.get("ledger"));
    }

    @Test
    void aConsentPurposeExportsOnlyGrantedPeopleAndCountsEveryoneElseByReason() throws Exception {
        TestSegments.awaitPurposes();
        String event = TestSegments.unique("Order Completed");
        String granted = "p-" + UUID.randomUUID();
        String none = "p-" + UUID.randomUUID();
        String withdrew = "p-" + UUID.randomUUID();
        String objected = "p-" + UUID.randomUUID();
        consent(granted, "personalization", ConsentStatus.GRANTED, "ev-g");
        consent(withdrew, "personalization", ConsentStatus.WITHDRAWN, "ev-w");
        consent(objected, "personalization", ConsentStatus.OBJECTED, "ev-o");
        for (String id : List.of(granted, none, withdrew, objected)) {
            for (int i = 0; i < 3; i++) {
                publish(branded(id, event, Instant.now().minusSeconds(100 - i), "acme"));
            }
        }

        within(WAIT, () -> {
            String body = export(request("personalization", event)).asString();
            assertTrue(body.contains("\"peopleConsidered\":4"), body);
        });
        List<JsonNode> lines = lines(export(request("personalization", event)).asString());
        JsonNode manifest = lines.get(lines.size() - 1);
        List<JsonNode> events = lines.subList(0, lines.size() - 1);
        assertEquals(3, events.size());
        events.forEach(line -> assertEquals(granted, line.get("profileId").asText()));
        assertEquals(events.size(), manifest.get("events").asLong());
        assertEquals(1, manifest.get("peopleIncluded").asLong());
        JsonNode excluded = manifest.get("peopleExcluded");
        assertEquals(1, excluded.get("noConsentState").asLong());
        assertEquals(1, excluded.get("withdrew").asLong());
        assertEquals(1, excluded.get("objected").asLong());
        assertEquals(0, excluded.get("noticePeriodNotOver").asLong());
        assertEquals(manifest.get("peopleConsidered").asLong(), manifest.get("peopleIncluded").asLong()
                + excluded.get("noConsentState").asLong() + excluded.get("withdrew").asLong() + excluded.get("objected").asLong());
    }

    @Test
    void nothingIsExportedBeforeTheNoticePeriodIsOver() {
        String purpose = legitimateInterest(Instant.now().plus(20, ChronoUnit.DAYS));
        within(WAIT, () -> as(Roles.MARKETER).contentType(ContentType.JSON).body(request(purpose, "Anything")).post(PATH)
                .then().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("notice period")));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        as(Roles.MARKETER).contentType(ContentType.JSON).body(request("no_such_purpose", "x")).post(PATH).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("/purpose"))
                .body("violations[0].rule", containsString("unknown purpose"));
        as(Roles.MARKETER).contentType(ContentType.JSON)
                .body("{\"purpose\": \"personalization\", \"format\": \"csv\", \"events\": {\"types\": [\"click\"],"
                        + " \"from\": \"yesterday\"}}").post(PATH).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("/format"))
                .body("violations.field", hasItem("/events/types/0"))
                .body("violations.field", hasItem("/events/from"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body("{}").post(PATH).then()
                .statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem("/purpose"));
        as(Roles.MARKETER).get(PATH + "/{id}", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void onlyMarketersAndAdminsExport() {
        RestAssured.given().contentType(ContentType.JSON).body(request("personalization", "x")).post(PATH).then()
                .statusCode(401).contentType(PROBLEM_JSON);
        for (String role : List.of(Roles.PRIVACY_OFFICER, Roles.BRAND_APP)) {
            as(role).contentType(ContentType.JSON).body(request("personalization", "x")).post(PATH).then()
                    .statusCode(403).contentType(PROBLEM_JSON);
        }
        as(Roles.BRAND_APP).get(PATH + "/{id}", UUID.randomUUID()).then().statusCode(403);
        RestAssured.get(PATH + "/{id}", UUID.randomUUID()).then().statusCode(401);
    }
}
