package io.firstparty.consent;

import io.firstparty.consent.expiry.service.ConsentExpiry;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ExpiryTest {

    @Inject
    ConsentExpiry expiry;

    @Inject
    DataSource dataSource;

    @Test
    void twoReplicasRunTheJobOnceAndTheLapsedConsentIsExpiredOnceAndListedForRenewal() throws Exception {
        String person = TestPeople.resolved(TestPeople.newProfileId());
        Instant fourteenMonthsAgo = Instant.now().minus(14 * 31, ChronoUnit.DAYS);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(LedgerTest.officerGrant("old-scan-" + person, fourteenMonthsAgo))
                .post("/v1/people/" + person + "/ledger").then().statusCode(201);
        CaptureTest.expect(person, "email_marketing", false, "expired");
        releaseLease();

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<ConsentExpiry.Run> first = CompletableFuture.supplyAsync(
                    () -> expiry.runAs("replica-a", Instant.now()), replicas);
            CompletableFuture<ConsentExpiry.Run> second = CompletableFuture.supplyAsync(
                    () -> expiry.runAs("replica-b", Instant.now()), replicas);
            List<ConsentExpiry.Run> runs = List.of(first.get(), second.get());
            assertEquals(1, runs.stream().filter(ConsentExpiry.Run::ran).count());
            assertTrue(runs.stream().mapToInt(ConsentExpiry.Run::expired).sum() >= 1);
        } finally {
            replicas.shutdown();
            releaseLease();
        }
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then()
                .statusCode(200)
                .body("findAll { it.action == 'expire' }.size()", equalTo(1))
                .body("find { it.action == 'expire' }.status", equalTo("expired"));
        CaptureTest.expect(person, "email_marketing", false, "expired");
        as(Roles.PRIVACY_OFFICER).queryParam("purpose", "email_marketing").queryParam("limit", 1000)
                .get("/v1/renewals").then()
                .statusCode(200)
                .body("profileId", hasItem(person));
    }

    private void releaseLease() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM job_lease");
        }
    }
}
