package io.firstparty.consent;

import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ErasureRequestTest {

    @Inject
    DataSource database;

    private static final Duration TRAVEL = Duration.ofSeconds(30);

    @Test
    void aRequestIsCompleteOnlyOnceEveryServiceReportedWithoutFailure() {
        String person = TestPeople.newProfileId();
        Identifier email = TestPeople.email("forget-me");
        TestPeople.resolve(person, List.of(email), Map.of("email_marketing", true), List.of());
        within(TRAVEL, () -> CaptureTest.expect(person, "email_marketing", true, "granted"));

        var created = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("identifier", email.key()))
                .post("/v1/erasure-requests").then()
                .statusCode(202)
                .body("status", equalTo("in_progress"))
                .body("services.outcome", equalTo(List.of("pending", "pending", "pending")))
                .extract();
        String id = created.path("id");
        Instant requestedAt = Instant.parse(created.path("requestedAt"));
        assertEquals(requestedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(), Instant.parse(created.path("dueAt")),
                "one calendar month");

        ErasureRequested published = TestKafka.await(Topics.ERASURE_REQUESTS, id, (ErasureRequested any) -> true);
        assertEquals(person, published.profileId());
        assertEquals(List.of(email.hash()), published.identifiers().stream().map(Identifier::hash).toList());

        report(id, "profile-service", ErasureCompleted.ERASED);
        report(id, "segment-service", ErasureCompleted.FAILED);
        within(TRAVEL, () -> status(id).body("status", equalTo("failed")));

        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION, person, id,
                List.of(email.hash()), Instant.now()));
        within(TRAVEL, () -> status(id).body("services.find { it.service == 'consent-service' }.outcome",
                equalTo(ErasureCompleted.ERASED)));
        status(id).body("status", equalTo("failed"));

        report(id, "segment-service", ErasureCompleted.ERASED);
        within(TRAVEL, () -> status(id).body("status", equalTo("complete")));
        report(id, "segment-service", ErasureCompleted.ERASED);
        status(id).body("status", equalTo("complete"))
                .body("services.find { it.service == 'profile-service' }.itemsErased", equalTo(3));
    }

    @Test
    void aRequestByAnIdentifierCoversEveryPersonHoldingItAndTheObjectionsWaitingForTheirIdentifiers()
            throws SQLException {
        Identifier email = TestPeople.email("two-brands-erase");
        List<String> holders = TestPeople.holdersOf(email, 2);
        // An objection waiting for an identifier the consent service has not seen linked yet.
        Identifier waiting = TestPeople.email("waiting-objection");
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO pending_objection (id, identifier_hash, purpose_code, occurred_at, channel, method,
                                               evidence_key, recorded_at)
                VALUES (gen_random_uuid(), ?, 'ai_training', now(), 'email_link', 'objection_form', ?, now())""")) {
            insert.setString(1, waiting.hash());
            insert.setString(2, "test:" + waiting.hash());
            insert.executeUpdate();
        }

        String id = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("identifier", email.key()))
                .post("/v1/erasure-requests").then().statusCode(202).extract().path("id");
        ErasureRequested published = TestKafka.await(Topics.ERASURE_REQUESTS, id, (ErasureRequested any) -> true);
        assertTrue(holders.contains(published.profileId()), published.profileId());
        assertEquals(List.of(email.hash()), published.identifiers().stream().map(Identifier::hash).toList());

        // The profile service erases every holder of the identifier, each with the identifiers it held.
        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION, holders.get(0), id,
                List.of(email.hash(), waiting.hash()), Instant.now()));
        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION, holders.get(1), id,
                List.of(email.hash()), Instant.now()));
        for (String holder : holders) {
            within(TRAVEL, () -> CaptureTest.expect(holder, "email_marketing", false, "unknown_person"));
        }
        try (Connection connection = database.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM pending_objection WHERE identifier_hash = ?")) {
            count.setString(1, waiting.hash());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the objection waiting for an erased identifier is erased too");
            }
        }
    }

    @Test
    void aRequestMustNameThePersonOnceAndOnlyOfficersMayAsk() {
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/erasure-requests").then().statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("identifier", "fax:123"))
                .post("/v1/erasure-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("/identifier"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("profileId", "p-1"))
                .post("/v1/erasure-requests").then().statusCode(403);
        String id = submit();
        as(Roles.MARKETER).get("/v1/erasure-requests/" + id).then().statusCode(403);
        as(Roles.MARKETER).get("/v1/erasure-requests/overdue").then().statusCode(403);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("reason", "more time"))
                .post("/v1/erasure-requests/" + id + "/extension").then().statusCode(403);
        as(Roles.PRIVACY_OFFICER).get("/v1/erasure-requests/no-such-request").then().statusCode(404);
    }

    @Test
    void aDeadlineIsExtendedOnceWithAReasonAndOverdueRequestsAreListed() throws SQLException {
        String id = submit();
        Instant dueAt = Instant.parse(status(id).extract().path("dueAt"));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/v1/erasure-requests/" + id + "/extension").then()
                .statusCode(400).body("violations[0].field", equalTo("/reason"));
        String extended = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "archives on tape need two more months"))
                .post("/v1/erasure-requests/" + id + "/extension").then()
                .statusCode(200)
                .body("extensionReason", equalTo("archives on tape need two more months"))
                .extract().path("dueAt");
        assertEquals(dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant(), Instant.parse(extended));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/v1/erasure-requests/" + id + "/extension").then().statusCode(409);

        String late = submit();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE erasure_request SET due_at = now() - interval '1 day' WHERE id = '" + late + "'");
        }
        status(late).body("status", equalTo("overdue"));
        as(Roles.PRIVACY_OFFICER).get("/v1/erasure-requests/overdue").then().statusCode(200)
                .body("id", hasItem(late))
                .body("id", not(hasItem(id)));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "too late"))
                .post("/v1/erasure-requests/" + late + "/extension").then().statusCode(409);
    }

    private static String submit() {
        return as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("profileId", TestPeople.newProfileId()))
                .post("/v1/erasure-requests").then().statusCode(202).extract().path("id");
    }

    private static void report(String id, String service, String outcome) {
        TestKafka.send(Topics.ERASURE_REPORTS, new ErasureCompleted(ErasureCompleted.CURRENT_VERSION, id, service,
                List.of(), 3, outcome, null, Instant.now()));
    }

    private static ValidatableResponse status(String id) {
        return as(Roles.PRIVACY_OFFICER).get("/v1/erasure-requests/" + id).then().statusCode(200);
    }
}
