package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.TestSources;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class EventSchemaAndReplayTest {

    private static final Duration KAFKA = Duration.ofSeconds(20);
    private static final String QUIZ = "/schemas/track:Quiz Completed";

    private static Map<String, Object> quizSchema(List<String> answers) {
        return Map.of("type", "object", "required", List.of("answer"),
                "properties", Map.of("answer", Map.of("type", "string", "enum", answers)));
    }

    @Test
    void schemaRejectsWhatItForbidsAndReplayAcceptsItOnceFixed() {
        TestSources source = TestSources.create();
        as(Roles.ADMIN).contentType(ContentType.JSON).body(quizSchema(List.of("dry", "oily")))
                .put("/v1/sources/" + source.id() + QUIZ).then()
                .statusCode(201).body("version", equalTo(1));

        source.collect().body(Map.of("userId", "u-1", "event", "Quiz Completed", "properties", Map.of("answer", "combination")))
                .post("/v1/track").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/properties/answer"));
        source.collect().body(Map.of("userId", "u-1", "event", "Quiz Completed", "properties", Map.of("answer", "dry")))
                .post("/v1/track").then().statusCode(200);

        within(KAFKA, () -> assertEquals(1, ((Number) source.stats().get("failedOpen")).intValue()));
        String failureId = as(Roles.ADMIN).get("/v1/sources/" + source.id() + "/failed-events").then()
                .statusCode(200).extract().path("[0].id");

        // Replaying against the unchanged schema keeps the failure open and says why.
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("ids", List.of(failureId)))
                .post("/v1/sources/" + source.id() + "/failed-events/replay").then()
                .statusCode(200)
                .body("replayed", hasSize(0))
                .body("stillFailing[0].violations[0].field", equalTo("/properties/answer"));

        as(Roles.ADMIN).contentType(ContentType.JSON).body(quizSchema(List.of("dry", "oily", "combination")))
                .put("/v1/sources/" + source.id() + QUIZ).then()
                .statusCode(201).body("version", equalTo(2));
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("ids", List.of(failureId)))
                .post("/v1/sources/" + source.id() + "/failed-events/replay").then()
                .statusCode(200)
                .body("replayed", hasSize(1));

        within(KAFKA, () -> {
            Map<String, Object> stats = source.stats();
            assertEquals(2, ((Number) stats.get("stored")).intValue());
            assertEquals(0, ((Number) stats.get("failedOpen")).intValue());
        });
    }

    @Test
    void validateOnlyTellsAFormBuilderWhatIsWrongAndStoresNothing() {
        TestSources source = TestSources.create();
        as(Roles.ADMIN).contentType(ContentType.JSON).body(quizSchema(List.of("dry")))
                .put("/v1/sources/" + source.id() + QUIZ).then().statusCode(201);

        source.collect().body(Map.of("batch", List.of(
                        Map.of("type", "track", "userId", "u", "event", "Quiz Completed", "properties", Map.of()),
                        Map.of("type", "track", "userId", "u", "event", "Quiz Completed", "properties", Map.of("answer", "dry")))))
                .post("/v1/validate").then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].violations[0].rule", containsString("answer"));

        assertEquals(0, ((Number) source.stats().get("stored")).intValue());
    }

    @Test
    void unusableSchemaAndBadKeyAreRefused() {
        TestSources source = TestSources.create();
        as(Roles.ADMIN).contentType(ContentType.JSON).body("[1]")
                .put("/v1/sources/" + source.id() + QUIZ).then()
                .statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("type", "object"))
                .put("/v1/sources/" + source.id() + "/schemas/purchase").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("eventKey"));
    }

    @Test
    void failedEventsPageNewestFirst() {
        TestSources source = TestSources.create();
        for (int i = 0; i < 3; i++) {
            source.collect().body(Map.of("event", "No Identity " + i)).post("/v1/track").then().statusCode(400);
        }
        within(KAFKA, () -> assertEquals(3, ((Number) source.stats().get("failed")).intValue()));

        String before = as(Roles.ADMIN).queryParam("limit", 2).get("/v1/sources/" + source.id() + "/failed-events").then()
                .statusCode(200).body("", hasSize(2)).extract().path("[1].receivedAt");
        as(Roles.ADMIN).queryParam("limit", 2).queryParam("before", before)
                .get("/v1/sources/" + source.id() + "/failed-events").then()
                .statusCode(200).body("", hasSize(1));
        as(Roles.ADMIN).queryParam("limit", 0).get("/v1/sources/" + source.id() + "/failed-events").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("limit"));
    }
}
