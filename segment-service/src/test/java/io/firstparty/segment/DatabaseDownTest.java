package io.firstparty.segment;

import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A service whose database is unreachable still starts, is alive but not ready, says why, and
 * answers requests that need the database with 503 and Retry-After, not a stack trace.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.NoDatabase.class)
@WithTestResource(OidcWiremockTestResource.class)
class DatabaseDownTest {

    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/firstparty_test_segment",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1s");
        }
    }

    @Test
    void notReadyWithTheReasonButAlive() {
        RestAssured.get("/q/health/live").then().statusCode(200);
        RestAssured.get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'startup-tasks' }.data.database-schema", containsString("refused"));
    }

    @Test
    void requestsNeedingTheDatabaseGetAProblem() {
        as(Roles.MARKETER).get("/v1/segments").then()
                .statusCode(503)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", equalTo("5"))
                .body(not(containsString("SQLException")))
                .body(not(containsString("at org.")));
    }
}
