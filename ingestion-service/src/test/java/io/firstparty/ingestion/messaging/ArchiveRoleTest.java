package io.firstparty.ingestion.messaging;

import io.firstparty.ingestion.TestSources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * A collection replica ({@code firstparty.archive.enabled=false}) answers the collection API and
 * publishes, and runs no archive consumer: those are the archiver replicas' work.
 */
@QuarkusTest
@TestProfile(ArchiveRoleTest.CollectionReplica.class)
@WithTestResource(OidcWiremockTestResource.class)
public class ArchiveRoleTest {

    /** The channels a replica consumes, as its readiness check lists them. */
    public static final String CHANNELS = "checks.find { it.name.contains('Messaging') }.data";

    public static class CollectionReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firstparty.archive.enabled", "false");
        }
    }

    @Test
    void aCollectionReplicaAcceptsEventsAndLeavesTheArchiveToArchivers() {
        TestSources.create().collect().body(Map.of("userId", "u-1", "event", "Newsletter Signed Up"))
                .post("/v1/track").then().statusCode(200);

        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body(CHANNELS, allOf(hasKey("identifiers-suppressed"), not(hasKey("events-archive")),
                        not(hasKey("failed-events"))));
    }
}
