package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.TestSources;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CollectionResourceTest {

    private static final Duration KAFKA = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;

    @Test
    void trackIsAcceptedOnlyOnceKafkaHasItAndThenStored() {
        TestSources source = TestSources.create();

        source.collect().body(Map.of("userId", "u-1", "event", "Quiz Completed", "properties", Map.of("answer", "dry")))
                .post("/v1/track").then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("accepted", equalTo(1));

        within(KAFKA, () -> assertEquals(1, stat(source, "stored")));
    }

    @Test
    void everyCallTypeIsAccepted() {
        TestSources source = TestSources.create();
        source.collect().body(Map.of("userId", "u-1", "traits", Map.of("email", " Ada@Example.com ", "phone", "06 12 34 56 78")))
                .post("/v1/identify").then().statusCode(200);
        source.collect().body(Map.of("anonymousId", "a-1", "name", "Home")).post("/v1/page").then().statusCode(200);
        source.collect().body(Map.of("anonymousId", "a-1", "name", "Basket")).post("/v1/screen").then().statusCode(200);
        source.collect().body(Map.of("userId", "u-1", "groupId", "g-1")).post("/v1/group").then().statusCode(200);
        source.collect().body(Map.of("userId", "u-1", "previousId", "a-1")).post("/v1/alias").then().statusCode(200);

        within(KAFKA, () -> assertEquals(5, stat(source, "stored")));
    }

    @Test
    void identifiersAreNormalisedOnceAtTheDoor() throws SQLException {
        TestSources source = TestSources.create();
        String messageId = UUID.randomUUID().toString();
        source.collect().body(Map.of("messageId", messageId, "userId", "u-7",
                        "traits", Map.of("email", " Ada@Example.COM ", "phone", "0033 6 12 34 56 78")))
                .post("/v1/identify").then().statusCode(200);

        within(KAFKA, () -> assertEquals(1, stat(source, "stored")));
        String stored = archived(source, messageId, "event::text");
        assertTrue(stored.replace(" ", "").contains("\"value\":\"ada@example.com\""), stored);
        assertTrue(stored.replace(" ", "").contains("\"value\":\"+33612345678\""), stored);
        assertTrue(stored.replace(" ", "").contains("\"brand\":\"MaisonTest\""), "the source's brand travels with the event: " + stored);
    }

    @Test
    void writeKeyInTheBodyIsAccepted() {
        TestSources source = TestSources.create();
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("writeKey", source.writeKey(), "userId", "u-1", "event", "Signed Up"))
                .post("/v1/track").then()
                .statusCode(200);
    }

    @Test
    void sendBeaconTextPlainIsAccepted() {
        TestSources source = TestSources.create();
        RestAssured.given().contentType("text/plain")
                .body("{\"writeKey\":\"" + source.writeKey() + "\",\"anonymousId\":\"a-1\",\"name\":\"Home\"}")
                .post("/v1/page").then()
                .statusCode(200);
    }

    @Test
    void missingUnknownAndDisabledKeysAreRefused() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("userId", "u-1", "event", "e"))
                .post("/v1/track").then()
                .statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Basic"));
        RestAssured.given().auth().preemptive().basic("fpwk_not-a-key", "").contentType(ContentType.JSON)
                .body(Map.of("userId", "u-1", "event", "e")).post("/v1/track").then()
                .statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", equalTo("the write key is not valid"));

        TestSources source = TestSources.create();
        as(Roles.ADMIN).post("/v1/sources/" + source.id() + "/disable").then().statusCode(200).body("enabled", equalTo(false));
        source.collect().body(Map.of("userId", "u-1", "event", "e")).post("/v1/track").then()
                .statusCode(401)
                .body("detail", containsString("disabled"));
    }

    @Test
    void rotatedKeyStopsTheOldOne() {
        TestSources source = TestSources.create();
        String fresh = as(Roles.ADMIN).post("/v1/sources/" + source.id() + "/write-key").then().extract().path("writeKey");

        source.collect().body(Map.of("userId", "u-1", "event", "e")).post("/v1/track").then().statusCode(401);
        RestAssured.given().auth().preemptive().basic(fresh, "").contentType(ContentType.JSON)
                .body(Map.of("userId", "u-1", "event", "e")).post("/v1/track").then().statusCode(200);
    }

    @Test
    void batchKeepsValidMessagesAndStoresEachInvalidOneWithItsReason() {
        TestSources source = TestSources.create();
        List<Map<String, Object>> batch = List.of(
                Map.of("type", "track", "userId", "u-1", "event", "Quiz Completed"),
                Map.of("type", "track", "event", "No Identity"),
                Map.of("type", "identify", "anonymousId", "a-1", "traits", Map.of("email", "not-an-email")),
                Map.of("type", "page", "anonymousId", "a-2"),
                Map.of("type", "teleport", "userId", "u-1"));

        source.collect().body(Map.of("batch", batch)).post("/v1/batch").then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(3))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].violations[0].field", equalTo("/batch/1/userId"))
                .body("rejected[1].violations[0].field", equalTo("/batch/2/traits/email"))
                .body("rejected[2].violations[0].field", equalTo("/batch/4/type"));

        within(KAFKA, () -> {
            assertEquals(2, stat(source, "stored"));
            assertEquals(3, stat(source, "failed"));
        });
        as(Roles.ADMIN).queryParam("reason", "anonymousId").get("/v1/sources/" + source.id() + "/failed-events").then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].violations[0].rule", equalTo("userId or anonymousId is required"))
                .body("[0].originalBody", containsString("No Identity"));
    }

    @Test
    void acceptedEqualsStoredPlusFailedAcrossManyBatches() {
        TestSources source = TestSources.create();
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < 5; round++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                batch.add(i % 7 == 3
                        ? Map.of("type", "track", "event", "Broken")
                        : Map.of("type", "track", "userId", "u-" + i, "event", "Viewed", "properties", Map.of("n", i)));
            }
            var answer = source.collect().body(Map.of("batch", batch)).post("/v1/batch").then().statusCode(200).extract();
            accepted += answer.<Integer>path("accepted");
            rejected += answer.<List<?>>path("rejected").size();
        }
        int sentValid = accepted;
        int sentInvalid = rejected;
        assertEquals(200, sentValid + sentInvalid);
        within(KAFKA, () -> {
            assertEquals(sentValid, stat(source, "stored"));
            assertEquals(sentInvalid, stat(source, "failed"));
        });
    }

    @Test
    void repeatedMessageIdIsStoredOnceAndCounted() {
        TestSources source = TestSources.create();
        String messageId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            source.collect().body(Map.of("messageId", messageId, "userId", "u-1", "event", "Paid"))
                    .post("/v1/track").then().statusCode(200);
        }
        within(KAFKA, () -> {
            assertEquals(1, stat(source, "stored"));
            assertEquals(2, stat(source, "duplicates"));
        });
    }

    @Test
    void clientClockSkewIsCorrected() throws SQLException {
        TestSources source = TestSources.create();
        String messageId = UUID.randomUUID().toString();
        Instant clientNow = Instant.now().plus(Duration.ofHours(2));
        source.collect().body(Map.of("messageId", messageId, "userId", "u-1", "event", "Late Clock",
                        "timestamp", clientNow.minus(Duration.ofMinutes(5)).toString(), "sentAt", clientNow.toString()))
                .post("/v1/track").then().statusCode(200);

        within(KAFKA, () -> assertEquals(1, stat(source, "stored")));
        Instant happened = Instant.parse(archived(source, messageId, "to_char(happened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"));
        Duration beforeNow = Duration.between(happened, Instant.now());
        assertTrue(beforeNow.compareTo(Duration.ofMinutes(4)) > 0 && beforeNow.compareTo(Duration.ofMinutes(7)) < 0,
                "corrected timestamp should be about 5 minutes ago, was " + beforeNow);
    }

    @Test
    void messageIdIsGeneratedWhenAbsent() {
        TestSources source = TestSources.create();
        source.collect().body(Map.of("userId", "u-1", "event", "No Id")).post("/v1/track").then().statusCode(200);
        within(KAFKA, () -> assertEquals(1, stat(source, "stored")));
    }

    private long stat(TestSources source, String name) {
        return ((Number) source.stats().get(name)).longValue();
    }

    private String archived(TestSources source, String messageId, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + column + " FROM archived_event WHERE source_id = ?::uuid AND message_id = ?")) {
            query.setString(1, source.id());
            query.setString(2, messageId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "event not archived");
                return row.getString(1);
            }
        }
    }
}
