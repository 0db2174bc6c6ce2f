package io.firstparty.ingestion;

import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SourceResourceTest {

    static Map<String, Object> newSource(String name) {
        return Map.of("brand", "Maison Test", "name", name,
                "allowedOrigins", java.util.List.of("https://shop.example.com"),
                "rateLimitPerSecond", 1000,
                "eventTypes", java.util.List.of("identify", "track", "page", "screen", "group", "alias"));
    }

    @Test
    void createdSourceShowsItsKeyOnceAndListsWithoutIt() {
        String name = "web-" + UUID.randomUUID();
        String id = as(Roles.ADMIN).contentType(ContentType.JSON).body(newSource(name)).post("/v1/sources").then()
                .statusCode(201)
                .header("Location", notNullValue())
                .body("writeKey", startsWith("fpwk_"))
                .body("name", equalTo(name))
                .body("enabled", equalTo(true))
                .extract().path("id");

        as(Roles.ADMIN).get("/v1/sources/" + id).then()
                .statusCode(200)
                .body("writeKey", nullValue())
                .body("keyPrefix", startsWith("fpwk_"));
        as(Roles.ADMIN).get("/v1/sources").then()
                .statusCode(200)
                .body("name", hasItem(name))
                .body("writeKey", not(hasItem(notNullValue())));
    }

    @Test
    void rotationGivesANewKey() {
        String id = as(Roles.ADMIN).contentType(ContentType.JSON).body(newSource("till-" + UUID.randomUUID()))
                .post("/v1/sources").then().statusCode(201).extract().path("id");
        String first = as(Roles.ADMIN).get("/v1/sources/" + id).then().extract().path("keyPrefix");

        String rotated = as(Roles.ADMIN).post("/v1/sources/" + id + "/write-key").then()
                .statusCode(201)
                .extract().path("writeKey");

        as(Roles.ADMIN).get("/v1/sources/" + id).then()
                .body("keyPrefix", equalTo(rotated.substring(0, first.length())));
    }

    @Test
    void sameNameTwiceIsAConflict() {
        Map<String, Object> source = newSource("kiosk-" + UUID.randomUUID());
        as(Roles.ADMIN).contentType(ContentType.JSON).body(source).post("/v1/sources").then().statusCode(201);
        as(Roles.ADMIN).contentType(ContentType.JSON).body(source).post("/v1/sources").then()
                .statusCode(409)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void invalidSourceNamesEachFieldAndRule() {
        as(Roles.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("brand", "", "name", "x", "allowedOrigins", java.util.List.of("shop.example.com/path"),
                        "rateLimitPerSecond", 0, "eventTypes", java.util.List.of("track")))
                .post("/v1/sources").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("/brand"))
                .body("violations.field", hasItem("/rateLimitPerSecond"))
                .body("violations.find { it.field.startsWith('/allowedOrigins') }.rule", startsWith("must be an origin"));
    }

    @Test
    void unknownEventTypeNamesThePath() {
        as(Roles.ADMIN).contentType(ContentType.JSON)
                .body("{\"brand\":\"b\",\"name\":\"n\",\"allowedOrigins\":[],\"rateLimitPerSecond\":5,\"eventTypes\":[\"purchase\"]}")
                .post("/v1/sources").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/eventTypes/0"));
    }

    @Test
    void wrongShapeNamesTheField() {
        as(Roles.ADMIN).contentType(ContentType.JSON)
                .body("{\"brand\":\"b\",\"name\":\"n\",\"allowedOrigins\":\"https://a.example\",\"rateLimitPerSecond\":5,\"eventTypes\":[\"track\"]}")
                .post("/v1/sources").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/allowedOrigins"));
    }

    @Test
    void malformedJsonIsAProblemNotACrash() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"brand\": ").post("/v1/sources").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].rule", startsWith("must be well-formed JSON"));
    }

    @Test
    void marketersCannotManageSources() {
        as(Roles.MARKETER).contentType(ContentType.JSON).body(newSource("x")).post("/v1/sources").then()
                .statusCode(403);
    }
}
