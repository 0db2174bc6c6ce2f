package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.TestSources;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Browsers may call the collection API and the forms from the sources' own origins, and from no others. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CorsTest {

    private static final String OTHER_ORIGIN = "https://evil.example.net";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    /** Longer than the allowed origins are remembered, for a source made a moment ago. */
    private static final Duration ORIGINS_CACHE = Duration.ofSeconds(15);

    private static RequestSpecification preflight(String origin) {
        return RestAssured.given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization");
    }

    @Test
    void formPreflightAnswersOnlyItsSourcesOrigins() {
        String form = FormResourceTest.create(TestSources.create(), FormResourceTest.newsletter());

        preflight(TestSources.ORIGIN).options("/v1/forms/" + form).then()
                .statusCode(204)
                .header(ALLOW_ORIGIN, TestSources.ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", containsString("Origin"));
        preflight(OTHER_ORIGIN).options("/v1/forms/" + form).then()
                .statusCode(403).contentType(PROBLEM_JSON)
                .header(ALLOW_ORIGIN, nullValue());
        preflight(TestSources.ORIGIN).options("/v1/forms/" + UUID.randomUUID()).then()
                .statusCode(403)
                .header(ALLOW_ORIGIN, nullValue());
    }

    @Test
    void collectionPreflightAnswersOriginsThatAnEnabledSourceLists() {
        TestSources.create();
        for (String call : List.of("identify", "track", "page", "screen", "group", "alias", "batch", "import", "validate")) {
            within(ORIGINS_CACHE, () -> preflight(TestSources.ORIGIN).options("/v1/" + call).then()
                    .statusCode(204)
                    .header(ALLOW_ORIGIN, TestSources.ORIGIN)
                    .header("Access-Control-Allow-Methods", containsString("OPTIONS")));
            preflight(OTHER_ORIGIN).options("/v1/" + call).then()
                    .statusCode(403)
                    .header(ALLOW_ORIGIN, nullValue());
        }
    }

    @Test
    void aNewSourcesOriginPassesAtOnce() {
        String origin = "https://shop-" + UUID.randomUUID() + ".example.com";
        preflight(origin).options("/v1/track").then().statusCode(403);

        as(Roles.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("brand", "Maison Test", "name", "src-" + UUID.randomUUID(), "allowedOrigins", List.of(origin),
                        "rateLimitPerSecond", 100, "eventTypes", List.of("track")))
                .post("/v1/sources").then().statusCode(201);

        preflight(origin).options("/v1/track").then()
                .statusCode(204)
                .header(ALLOW_ORIGIN, origin);
    }

    @Test
    void preflightWithoutOriginIsAPlainOptionsAnswer() {
        RestAssured.options("/v1/track").then()
                .statusCode(204)
                .header("Allow", containsString("POST"))
                .header(ALLOW_ORIGIN, nullValue());
    }

    @Test
    void actualAnswersCarryTheOriginOnlyWhenItIsAllowed() {
        TestSources source = TestSources.create();
        Map<String, Object> track = Map.of("userId", "u-1", "event", "Viewed");

        within(ORIGINS_CACHE, () -> source.collect().header("Origin", TestSources.ORIGIN).body(track)
                .post("/v1/track").then()
                .statusCode(200)
                .header(ALLOW_ORIGIN, TestSources.ORIGIN)
                .header("Vary", containsString("Origin")));
        source.collect().header("Origin", OTHER_ORIGIN).body(track).post("/v1/track").then()
                .statusCode(403)
                .header(ALLOW_ORIGIN, nullValue());
        source.collect().body(track).post("/v1/track").then()
                .statusCode(200)
                .header(ALLOW_ORIGIN, nullValue());
        // A problem is readable by the page's script too.
        RestAssured.given().auth().preemptive().basic("fpwk_not-a-key", "").contentType(ContentType.JSON)
                .header("Origin", TestSources.ORIGIN).body(track).post("/v1/track").then()
                .statusCode(401)
                .header(ALLOW_ORIGIN, TestSources.ORIGIN);

        String form = FormResourceTest.create(source, FormResourceTest.newsletter());
        RestAssured.given().contentType(ContentType.JSON).header("Origin", TestSources.ORIGIN)
                .body(Map.of("firstName", "Ada")).post("/v1/forms/" + form).then()
                .statusCode(400)
                .header(ALLOW_ORIGIN, TestSources.ORIGIN)
                .header("Access-Control-Expose-Headers", equalTo("Retry-After"));
        RestAssured.given().contentType(ContentType.JSON).header("Origin", OTHER_ORIGIN)
                .body(Map.of("email", "ada@example.com")).post("/v1/forms/" + form).then()
                .statusCode(403)
                .header(ALLOW_ORIGIN, nullValue());
    }
}
