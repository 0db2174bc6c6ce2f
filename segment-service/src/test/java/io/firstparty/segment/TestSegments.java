package io.firstparty.segment;

import io.firstparty.kit.security.Roles;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;

/** Creating segments through the API, once the test purposes have reached the service. */
public final class TestSegments {

    private static boolean purposesKnown;

    private TestSegments() {
    }

    public static synchronized void awaitPurposes() {
        if (purposesKnown) {
            return;
        }
        TestStreams.definePurposes();
        within(Duration.ofSeconds(30), () -> as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(definition("probe", "analytics", "{\"trait\": {\"path\": \"x\", \"exists\": true}}", false))
                .post("/v1/segments/preview").then().statusCode(200));
        purposesKnown = true;
    }

    public static String definition(String name, String purpose, String rule, boolean significant) {
        return "{\"name\": \"" + name + "\", \"description\": \"test\", \"purpose\": \"" + purpose
                + "\", \"owner\": \"growth team\", \"significant\": " + significant + ", \"rule\": " + rule + "}";
    }

    /** Creates a segment with a unique name; returns its id. */
    public static UUID create(String name, String purpose, String rule) {
        return create(name, purpose, rule, false);
    }

    public static UUID create(String name, String purpose, String rule, boolean significant) {
        awaitPurposes();
        String id = as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(definition(name + " " + UUID.randomUUID(), purpose, rule, significant))
                .post("/v1/segments").then().statusCode(201).extract().path("segment.id");
        return UUID.fromString(id);
    }

    /** A unique event name, so that a test's segment sees only that test's events. */
    public static String unique(String event) {
        return event + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
