package io.firstparty.ingestion;

import io.firstparty.kit.security.Roles;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;

/** A fresh source per test, made through the admin API, so counts start at zero. */
public record TestSources(String id, String writeKey) {

    public static final String ORIGIN = "https://shop.example.com";

    public static TestSources create(int ratePerSecond) {
        return create(ratePerSecond, List.of(ORIGIN));
    }

    public static TestSources create(int ratePerSecond, List<String> allowedOrigins) {
        Map<String, Object> body = Map.of("brand", "Maison Test", "name", "src-" + UUID.randomUUID(),
                "allowedOrigins", allowedOrigins, "rateLimitPerSecond", ratePerSecond,
                "eventTypes", List.of("identify", "track", "page", "screen", "group", "alias"));
        var created = as(Roles.ADMIN).contentType(ContentType.JSON).body(body).post("/v1/sources")
                .then().statusCode(201).extract();
        return new TestSources(created.path("id"), created.path("writeKey"));
    }

    public static TestSources create() {
        return create(10_000);
    }

    /** A request authenticated the Segment way: write key as Basic user name, empty password. */
    public RequestSpecification collect() {
        return RestAssured.given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON);
    }

    public Map<String, Object> stats() {
        return as(Roles.ADMIN).get("/v1/sources/" + id + "/stats").then().statusCode(200).extract().as(Map.class);
    }
}
