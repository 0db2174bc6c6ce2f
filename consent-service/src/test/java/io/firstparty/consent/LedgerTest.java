package io.firstparty.consent;

import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class LedgerTest {

    @Inject
    DataSource runtimeRole;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.flyway.username")
    String ownerRole;

    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    static String textHash(String purpose, String language) {
        return as(Roles.PRIVACY_OFFICER).get("/v1/purposes/" + purpose).then().statusCode(200)
                .extract().path("textHash." + language);
    }

    static Map<String, Object> officerGrant(String evidenceRef, Instant occurredAt) {
        return Map.of("purpose", "email_marketing", "action", "grant", "occurredAt", occurredAt.toString(),
                "channel", "import", "method", "paper_form", "textHash", textHash("email_marketing", "fr"),
                "evidenceRef", evidenceRef);
    }

    @Test
    void evidenceCollectedElsewhereIsRecordedOnceAndChained() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        Map<String, Object> grant = officerGrant("scan-" + person, Instant.now().minus(1, ChronoUnit.DAYS));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(grant)
                .post("/v1/people/" + person + "/ledger").then()
                .statusCode(201)
                .body("seq", equalTo(1))
                .body("status", equalTo("granted"))
                .body("channel", equalTo("import"))
                .body("textVersion", equalTo("1"))
                .body("prevHash", equalTo("0".repeat(64)));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(grant)
                .post("/v1/people/" + person + "/ledger").then()
                .statusCode(200)
                .body("replayed", equalTo(true))
                .body("seq", equalTo(1));
        Map<String, Object> forgedReplay = new java.util.HashMap<>(grant);
        forgedReplay.put("action", "refuse");
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(forgedReplay)
                .post("/v1/people/" + person + "/ledger").then()
                .statusCode(409).contentType(PROBLEM_JSON);

        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then()
                .statusCode(200).body("$", hasSize(1));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", "email_marketing", "profileId", person))
                .post("/v1/consents/check").then()
                .statusCode(200)
                .body("allowed", equalTo(true))
                .body("reason", equalTo("granted"));
    }

    @Test
    void badEvidenceIsRefusedNamingTheField() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        Map<String, Object> forged = new java.util.HashMap<>(officerGrant("scan-forged", Instant.now()));
        forged.put("textHash", "ab".repeat(32));
        problem(person, forged, 400, "/textHash");

        Map<String, Object> future = new java.util.HashMap<>(officerGrant("scan-future", Instant.now().plus(1, ChronoUnit.DAYS)));
        problem(person, future, 400, "/occurredAt");

        Map<String, Object> unknownPurpose = new java.util.HashMap<>(officerGrant("scan-purpose", Instant.now()));
        unknownPurpose.put("purpose", "telepathy");
        problem(person, unknownPurpose, 400, "/purpose");

        problem(TestPeople.newProfileId(), officerGrant("scan-nobody", Instant.now()), 404, null);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(officerGrant("scan-role", Instant.now()))
                .post("/v1/people/" + person + "/ledger").then().statusCode(403);
    }

    @Test
    void withdrawingWhatWasNeverGrantedIsARecordedNoOp() {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "personalization", "action", "withdraw", "occurredAt", Instant.now().toString(),
                        "textHash", textHash("personalization", "en"), "evidenceRef", "call-" + person))
                .post("/v1/people/" + person + "/ledger").then()
                .statusCode(201)
                .body("effective", equalTo(false));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", "personalization", "profileId", person))
                .post("/v1/consents/check").then()
                .statusCode(200)
                .body("allowed", equalTo(false))
                .body("reason", equalTo("no_record"))
                .body("recordId", nullValue());
    }

    @Test
    void concurrentChangesForOnePersonNeverForkTheChain() throws Exception {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        int changes = 16;
        ExecutorService pool = Executors.newFixedThreadPool(changes);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                boolean yes = i % 2 == 0;
                calls.add(() -> as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                        .body(Map.of("choices", Map.of("email_marketing", yes, "ai_training", !yes)))
                        .put("/v1/people/" + person + "/consents").then().extract().statusCode());
            }
            for (Future<Integer> call : pool.invokeAll(calls)) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdown();
        }
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger/verify").then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("records", equalTo(2 * changes));
    }

    @Test
    void theServiceCannotRewriteTheLedgerAndTamperingIsPointedAt() throws SQLException {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("choices", Map.of("email_marketing", true, "analytics", true)))
                .put("/v1/people/" + person + "/consents").then().statusCode(200);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("choices", Map.of("email_marketing", false)))
                .put("/v1/people/" + person + "/consents").then().statusCode(200)
                .body("action", hasItem("withdraw"));

        try (Connection connection = runtimeRole.getConnection(); Statement statement = connection.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "UPDATE ledger_record SET status = 'granted' WHERE profile_id = '" + person + "'"));
            assertEquals("42501", update.getSQLState());
            SQLException delete = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "DELETE FROM ledger_record WHERE profile_id = '" + person + "'"));
            assertEquals("42501", delete.getSQLState());
        }
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger/verify").then()
                .statusCode(200).body("intact", equalTo(true));

        // Whoever holds the schema owner's keys can still edit a row; the chain tells.
        try (Connection owner = DriverManager.getConnection(jdbcUrl, ownerRole, ownerPassword);
             Statement statement = owner.createStatement()) {
            statement.executeUpdate("UPDATE ledger_record SET status = 'granted', action = 'grant' WHERE profile_id = '"
                    + person + "' AND seq = 3");
        }
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger/verify").then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBrokenLink.seq", equalTo(3))
                .body("firstBrokenLink.reason", equalTo("its content no longer matches its hash"));
    }

    private static void problem(String person, Map<String, Object> body, int status, String field) {
        var response = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(body)
                .post("/v1/people/" + person + "/ledger").then()
                .statusCode(status).contentType(PROBLEM_JSON);
        if (field != null) {
            response.body("violations.field", hasItem(field));
        }
    }
}
