package io.firstparty.ingestion.outage;

import io.firstparty.ingestion.domain.NewSource;
import io.firstparty.ingestion.domain.WriteKey;
import io.firstparty.ingestion.repository.SourceRepository;
import io.firstparty.contracts.events.EventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * With no broker to talk to, the service still starts, says it is not ready and why, and answers
 * 503 with Retry-After to the collection API: never a 200 for an event that is not stored.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
@WithTestResource(OidcWiremockTestResource.class)
class BrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "firstparty.collection.publish-timeout", "1s",
                    "firstparty.topics.timeout", "1s",
                    "kafka.default.api.timeout.ms", "1500", "kafka.request.timeout.ms", "1000",
                    "firstparty.archive.enabled", "false",
                    "mp.messaging.incoming.identifiers-suppressed.enabled", "false");
        }
    }

    @Inject
    SourceRepository sources;

    @Test
    void collectionAnswers503AndReadinessSaysWhy() throws Exception {
        WriteKey key = WriteKey.generate();
        QuarkusTransaction.requiringNew().run(() -> sources.insert(new NewSource("Maison Test",
                "outage-" + UUID.randomUUID(), List.of(), 100, Set.of(EventType.TRACK)), key));

        RestAssured.given().auth().preemptive().basic(key.secret(), "").contentType(ContentType.JSON)
                .body(Map.of("userId", "u-1", "event", "Lost?")).post("/v1/track").then()
                .statusCode(503)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", notNullValue());

        RestAssured.get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'startup-tasks' }.data.kafka-topics", notNullValue())
                .body("checks.find { it.name == 'startup-tasks' }.data.database-schema", equalTo("done"));
    }
}
