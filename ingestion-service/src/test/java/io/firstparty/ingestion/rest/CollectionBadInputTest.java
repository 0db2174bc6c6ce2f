package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.TestSources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Each kind of bad input gets a 4xx problem naming the field and the rule, never a 500. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CollectionBadInputTest {

    private TestSources source;

    @BeforeEach
    void freshSource() {
        source = TestSources.create();
    }

    @Test
    void malformedJson() {
        source.collect().body("{\"userId\": \"u-1\", ").post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("well-formed JSON"));
    }

    @Test
    void wrongContentType() {
        source.collect().contentType("application/xml").body("<track/>").post("/v1/track").then()
                .statusCode(415).contentType(PROBLEM_JSON);
    }

    @Test
    void messageOver32Kilobytes() {
        source.collect().body(Map.of("userId", "u-1", "event", "Big", "properties",
                        Map.of("a", "x".repeat(8000), "b", "x".repeat(8000), "c", "x".repeat(8000), "d", "x".repeat(8000), "e", "x".repeat(2000))))
                .post("/v1/track").then()
                .statusCode(413).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("32768 bytes"));
    }

    @Test
    void batchOver500Kilobytes() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            batch.add(Map.of("type", "track", "userId", "u", "event", "e", "properties", Map.of("p", "x".repeat(7000))));
        }
        source.collect().body(Map.of("batch", batch)).post("/v1/batch").then()
                .statusCode(413).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("512000 bytes"));
    }

    @Test
    void batchOver2500Messages() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 2501; i++) {
            batch.add(Map.of("type", "page", "anonymousId", "a"));
        }
        source.collect().body(Map.of("batch", batch)).post("/v1/batch").then()
                .statusCode(413).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/batch"));
    }

    @Test
    void missingIdentity() {
        source.collect().body(Map.of("event", "Anonymous?")).post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/userId"))
                .body("violations[0].rule", equalTo("userId or anonymousId is required"));
    }

    @Test
    void originNotAllowed() {
        source.collect().header("Origin", "https://evil.example.net").body(Map.of("userId", "u", "event", "e"))
                .post("/v1/track").then()
                .statusCode(403).contentType(PROBLEM_JSON);
        source.collect().header("Origin", TestSources.ORIGIN).body(Map.of("userId", "u", "event", "e"))
                .post("/v1/track").then()
                .statusCode(200);
    }

    @Test
    void wrongTypesInFields() {
        source.collect().body(Map.of("userId", List.of("u"), "event", 42, "properties", "not an object",
                        "timestamp", "yesterday"))
                .post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("/userId"))
                .body("violations.field", hasItem("/event"))
                .body("violations.field", hasItem("/properties"))
                .body("violations.field", hasItem("/timestamp"));
    }

    @Test
    void hugeStrings() {
        source.collect().body("{\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"p\":\"" + "x".repeat(9000) + "\"}}")
                .post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("string value is too long"));
    }

    @Test
    void deeplyNestedProperties() {
        String nested = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        source.collect().body("{\"userId\":\"u\",\"event\":\"e\",\"properties\":" + nested + "}")
                .post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("nested too deeply"));
    }

    @Test
    void controlCharacters() {
        source.collect().body("{\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"note\":\"bell\\u0007\"}}")
                .post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/properties/note"))
                .body("violations[0].rule", equalTo("must not contain control characters"));
    }

    @Test
    void emptyBatch() {
        source.collect().body(Map.of("batch", List.of())).post("/v1/batch").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/batch"));
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        TestSources slow = TestSources.create(2);
        for (int i = 0; i < 2; i++) {
            slow.collect().body(Map.of("userId", "u", "event", "e")).post("/v1/track").then().statusCode(200);
        }
        slow.collect().body(Map.of("userId", "u", "event", "e")).post("/v1/track").then()
                .statusCode(429).contentType(PROBLEM_JSON)
                .header("Retry-After", equalTo("1"));
    }

    @Test
    void problemsNeverLeakInternals() {
        source.collect().body("[1, 2, 3]").post("/v1/batch").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body(not(containsString("Exception")))
                .body(not(containsString("jackson")));
    }
}
