package io.firstparty.kit.testing;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * What every service must offer, checked against the running service: readiness that reflects the
 * database, Kafka and start-up tasks, Prometheus metrics, OpenAPI, and management endpoints that
 * answer problem details to callers without a token or without the role.
 * A service's test extends it, is annotated {@code @QuarkusTest} with
 * {@code @WithTestResource(OidcWiremockTestResource.class)}, and names one of its management endpoints.
 */
public abstract class ServiceBasicsTest {

    public static final String PROBLEM_JSON = "application/problem+json";

    /** A GET endpoint that needs a role. */
    protected abstract String managementPath();

    protected abstract String allowedRole();

    protected abstract String deniedRole();

    /** The path as OpenAPI documents it, when it has parameters. */
    protected String documentedPath() {
        return managementPath();
    }

    /** What the allowed caller gets from {@link #managementPath()} on an empty database. */
    protected int servedStatus() {
        return 200;
    }

    public static RequestSpecification as(String role) {
        return RestAssured.given().auth().oauth2(OidcWiremockTestResource.getAccessToken("alice", Set.of(role)));
    }

    @Test
    void readinessCoversDatabaseKafkaAndStartupTasks() {
        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("startup-tasks", "Database connections health check",
                        "Kafka connection health check"))
                .body("checks.find { it.name == 'startup-tasks' }.data.database-schema", equalTo("done"))
                .body("checks.find { it.name == 'startup-tasks' }.data.kafka-topics", equalTo("done"));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        RestAssured.get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheManagementEndpoint() {
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey(documentedPath()));
    }

    @Test
    void callerWithoutTokenGetsProblem401() {
        RestAssured.get(managementPath()).then()
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("title", equalTo("Authentication required"));
    }

    @Test
    void forgedTokenIsRejected() {
        RestAssured.given().auth().oauth2("eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.")
                .get(managementPath()).then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void callerWithoutTheRoleGetsProblem403() {
        as(deniedRole()).get(managementPath()).then()
                .statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(403));
    }

    @Test
    void callerWithTheRoleIsServed() {
        as(allowedRole()).get(managementPath()).then()
                .statusCode(servedStatus());
    }

    @Test
    void unknownAddressGetsProblem404WithoutInternals() {
        as(allowedRole()).get("/v1/nowhere").then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }
}
