package io.firstparty.ingestion;

import io.firstparty.ingestion.messaging.ArchiveRoleTest;
import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.ServiceBasicsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class IngestionServiceBasicsTest extends ServiceBasicsTest {

    @Override
    protected String managementPath() {
        return "/v1/sources";
    }

    @Override
    protected String allowedRole() {
        return Roles.ADMIN;
    }

    @Override
    protected String deniedRole() {
        return Roles.MARKETER;
    }

    /** Unless told otherwise a replica does everything, archive included. */
    @Test
    void everyReplicaArchivesByDefault() {
        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body(ArchiveRoleTest.CHANNELS, allOf(hasKey("events-archive"), hasKey("failed-events")));
    }
}
