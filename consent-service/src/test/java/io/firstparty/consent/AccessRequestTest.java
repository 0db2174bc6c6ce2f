package io.firstparty.consent;

import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AccessRequestTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);

    @Inject
    DataSource database;

    @Test
    void theArchiveHoldsEveryServicesPartAndIsReadyOnlyOnceEveryServiceDelivered() {
        String person = TestPeople.newProfileId();
        Identifier email = TestPeople.email("access-me");
        TestPeople.resolve(person, List.of(email), Map.of("email_marketing", true), List.of());
        within(TRAVEL, () -> CaptureTest.expect(person, "email_marketing", true, "granted"));

        var created = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("identifier", email.key(), "right", "portability"))
                .post("/v1/access-requests").then()
                .statusCode(202)
                .body("right", equalTo("portability"))
                .body("status", equalTo("in_progress"))
                .body("archive", nullValue())
                .body("services.service", equalTo(List.of("profile-service", "segment-service", "consent-service",
                        "ingestion-service")))
                .body("services.find { it.service == 'consent-service' }.outcome", equalTo("delivered"))
                .body("services.find { it.service == 'profile-service' }.outcome", equalTo("pending"))
                .extract();
        String id = created.path("id");
        assertEquals(Instant.parse(created.path("requestedAt")).atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(),
                Instant.parse(created.path("dueAt")), "one calendar month");
        AccessRequested published = TestKafka.await(Topics.ACCESS_REQUESTS, id, (AccessRequested any) -> true);
        assertEquals(person, published.profileId());
        assertEquals(AccessRequested.PORTABILITY, published.right());
        assertEquals(List.of(email.hash()), published.identifiers().stream().map(Identifier::hash).toList());

        // A person with a few thousand events: the profile service's part travels in several chunks.
        List<AccessPartDelivered> profilePart = AccessPartDelivered.chunked(id, "profile-service",
                UUID.randomUUID().toString(), AccessPartDelivered.DELIVERED, List.of(person),
                Map.of("events", 3_000L, "profiles", 1L), events(person, 3_000), null, Instant.now());
        assertTrue(profilePart.size() > 2, "the part is " + profilePart.size() + " chunks");
        profilePart.subList(0, profilePart.size() - 1).forEach(chunk -> TestKafka.send(Topics.ACCESS_PARTS, chunk));
        within(TRAVEL, () -> status(id).body("services.find { it.service == 'profile-service' }.chunksReceived",
                equalTo(profilePart.size() - 1)));
        status(id).body("services.find { it.service == 'profile-service' }.outcome", equalTo("pending"));
        TestKafka.send(Topics.ACCESS_PARTS, profilePart.get(profilePart.size() - 1));
        deliver(id, "segment-service", AccessPartDelivered.DELIVERED, "{\"memberships\":[{\"segmentId\":\"s-1\"}]}",
                Map.of("memberships", 1L));
        within(TRAVEL, () -> status(id)
                .body("services.find { it.service == 'profile-service' }.outcome", equalTo("delivered"))
                .body("services.find { it.service == 'segment-service' }.outcome", equalTo("delivered")));

        // Ingestion has not answered: never complete, no archive.
        status(id).body("status", equalTo("in_progress"));
        as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + id + "/archive").then()
                .statusCode(409).contentType(PROBLEM_JSON);

        deliver(id, "ingestion-service", AccessPartDelivered.NOTHING_HELD, "", Map.of());
        within(TRAVEL, () -> status(id).body("status", equalTo("complete"))
                .body("archive", equalTo("/v1/access-requests/" + id + "/archive")));

        JsonPath archive = as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + id + "/archive").then()
                .statusCode(200).contentType(ContentType.JSON)
                .header("Content-Disposition", equalTo("attachment; filename=\"access-" + id + ".json\""))
                .extract().jsonPath();
        assertEquals("portability", archive.getString("request.right"));
        assertEquals(List.of("profile-service", "segment-service", "consent-service", "ingestion-service"),
                archive.getList("manifest.services.service"));
        assertEquals(3_000, archive.getInt("manifest.services.find { it.service == 'profile-service' }.counts.events"));
        assertEquals(profilePart.size(), archive.getInt("manifest.services.find { it.service == 'profile-service' }.chunks"));
        assertEquals(3_000, archive.getList("sections.'profile-service'.events").size());
        assertEquals(person + "-e-2999", archive.getString("sections.'profile-service'.events[2999].messageId"));
        assertEquals("s-1", archive.getString("sections.'segment-service'.memberships[0].segmentId"));
        assertEquals(person, archive.getString("sections.'consent-service'.people[0].profileId"));
        assertEquals("email_marketing", archive.getString("sections.'consent-service'.people[0].ledger[0].purpose"));
        assertNull(archive.get("sections.'ingestion-service'"));
        assertEquals("nothing-held", archive.getString("manifest.services.find { it.service == 'ingestion-service' }.outcome"));
    }

    @Test
    void aRequestByAnIdentifierGathersTheConsentOfEveryPersonHoldingIt() {
        Identifier email = TestPeople.email("two-brands-access");
        List<String> holders = TestPeople.holdersOf(email, 2);

        // Before the profile service names anyone, the consent service's part already covers both people.
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("identifier", email.key()))
                .post("/v1/access-requests").then().statusCode(202)
                .body("services.find { it.service == 'consent-service' }.outcome", equalTo("delivered"))
                .body("services.find { it.service == 'consent-service' }.counts.people", equalTo(2));
    }

    @Test
    void aServiceThatNeverAnswersLeavesTheRequestIncompleteAndThenOverdue() throws SQLException {
        String id = submit(TestPeople.newProfileId());
        deliver(id, "profile-service", AccessPartDelivered.NOTHING_HELD, "", Map.of());
        deliver(id, "ingestion-service", AccessPartDelivered.NOTHING_HELD, "", Map.of());
        within(TRAVEL, () -> status(id)
                .body("services.find { it.service == 'ingestion-service' }.outcome", equalTo("nothing-held"))
                .body("services.find { it.service == 'consent-service' }.outcome", equalTo("nothing-held")));
        status(id).body("status", equalTo("in_progress"))
                .body("services.find { it.service == 'segment-service' }.outcome", equalTo("pending"));
        as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/overdue").then().statusCode(200).body("id", not(hasItem(id)));

        try (Connection connection = database.getConnection();
             PreparedStatement late = connection.prepareStatement(
                     "UPDATE access_request SET due_at = now() - interval '1 day' WHERE id = ?")) {
            late.setString(1, id);
            late.executeUpdate();
        }
        status(id).body("status", equalTo("overdue"));
        as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/overdue").then().statusCode(200).body("id", hasItem(id));
        as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + id + "/archive").then().statusCode(409);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "too late"))
                .post("/v1/access-requests/" + id + "/extension").then().statusCode(409);
    }

    @Test
    void aFailedPartFailsTheRequestUntilARerunDeliversAnew() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        String id = submit(person);
        deliver(id, "profile-service", AccessPartDelivered.FAILED, "", Map.of());
        deliver(id, "segment-service", AccessPartDelivered.DELIVERED, "{\"memberships\":[]}", Map.of("memberships", 0L));
        deliver(id, "ingestion-service", AccessPartDelivered.NOTHING_HELD, "", Map.of());
        within(TRAVEL, () -> status(id).body("status", equalTo("failed")));

        as(Roles.PRIVACY_OFFICER).post("/v1/access-requests/" + id + "/run").then().statusCode(202);
        TestKafka.await(Topics.ACCESS_REQUESTS, id, (AccessRequested request) ->
                request.requestedAt().isAfter(Instant.parse(status(id).extract().path("requestedAt"))));
        deliver(id, "profile-service", AccessPartDelivered.DELIVERED, "{\"events\":[]}", Map.of("events", 0L));
        within(TRAVEL, () -> status(id).body("status", equalTo("complete")));
        JsonPath archive = as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + id + "/archive").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(0, archive.getList("sections.'profile-service'.events").size());
        assertEquals(person, archive.getString("sections.'consent-service'.people[0].profileId"));

        // A part that is not JSON is a failed part, not a broken archive.
        deliver(id, "segment-service", AccessPartDelivered.DELIVERED, "{\"memberships\":[", Map.of());
        within(TRAVEL, () -> status(id).body("status", equalTo("failed"))
                .body("services.find { it.service == 'segment-service' }.detail", equalTo("the part delivered is not a JSON document")));
    }

    @Test
    void aRequestNamesThePersonOnceWithAKnownRightAndOnlyOfficersMayAsk() {
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/access-requests").then().statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("identifier", "fax:123"))
                .post("/v1/access-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("/identifier"));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("profileId", "p-1", "right", "rectification"))
                .post("/v1/access-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("/right"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("profileId", "p-1"))
                .post("/v1/access-requests").then().statusCode(403);
        as(Roles.MARKETER).get("/v1/access-requests/overdue").then().statusCode(403);
        as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/no-such-request").then().statusCode(404)
                .contentType(PROBLEM_JSON);

        String id = submit(TestPeople.newProfileId());
        as(Roles.MARKETER).get("/v1/access-requests/" + id).then().statusCode(403);
        Instant dueAt = Instant.parse(status(id).extract().path("dueAt"));
        String extended = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "the request covers ten years of purchases"))
                .post("/v1/access-requests/" + id + "/extension").then().statusCode(200)
                .body("extensionReason", equalTo("the request covers ten years of purchases"))
                .extract().path("dueAt");
        assertEquals(dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant(), Instant.parse(extended));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/v1/access-requests/" + id + "/extension").then().statusCode(409);
    }

    static String events(String person, int count) {
        StringBuilder json = new StringBuilder("{\"profile\":{\"id\":\"").append(person).append("\"},\"events\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"messageId\":\"").append(person).append("-e-").append(i)
                    .append("\",\"type\":\"track\",\"name\":\"Product Viewed\",\"properties\":{\"sku\":\"SKU-")
                    .append(i).append("\",\"title\":\"Crème hydratante \\\"nuit\\\"\"}}");
        }
        return json.append("]}").toString();
    }

    private static void deliver(String id, String service, String outcome, String json, Map<String, Long> counts) {
        AccessPartDelivered.chunked(id, service, UUID.randomUUID().toString(), outcome, List.of(), counts, json, null,
                Instant.now()).forEach(chunk -> TestKafka.send(Topics.ACCESS_PARTS, chunk));
    }

    private static String submit(String profileId) {
        return as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("profileId", profileId))
                .post("/v1/access-requests").then().statusCode(202).extract().path("id");
    }

    private static ValidatableResponse status(String id) {
        return as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + id).then().statusCode(200);
    }
}
