package io.firstparty.system.platform;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A brand's source, made through the admin API with a real admin token, and its write key. */
public record Brand(String sourceId, String writeKey, String adminToken) {

    public static final String ORIGIN = "https://shop.example.com";

    public static Brand create(LocalPlatform platform, String brand) {
        return create(platform, brand, List.of());
    }

    /** @param siteOrigins the origins of the brand's pages on this machine, allowed besides {@link #ORIGIN} */
    public static Brand create(LocalPlatform platform, String brand, List<String> siteOrigins) {
        return create(platform, brand, siteOrigins, 10_000);
    }

    /** @param ratePerSecond the source's rate limit: messages a second its write key may post */
    public static Brand create(LocalPlatform platform, String brand, List<String> siteOrigins, int ratePerSecond) {
        String admin = Sensitive.value(platform.keycloak().token("admin"));
        List<String> origins = new ArrayList<>(siteOrigins);
        origins.add(ORIGIN);
        Map<String, Object> body = Map.of("brand", brand, "name", "web-" + UUID.randomUUID(),
                "allowedOrigins", origins, "rateLimitPerSecond", ratePerSecond,
                "eventTypes", List.of("identify", "track", "page", "screen", "group", "alias"));
        var created = RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                .post(Service.INGESTION.url() + "/v1/sources").then().statusCode(201).extract();
        return new Brand(created.path("id"), Sensitive.value(created.path("writeKey")), admin);
    }

    /** A collection call authenticated the Segment way: write key as Basic user name. */
    public RequestSpecification collect() {
        return RestAssured.given().baseUri(Service.INGESTION.url()).auth().preemptive().basic(writeKey, "")
                .contentType(ContentType.JSON);
    }

    public Map<String, Object> stats() {
        return RestAssured.given().auth().oauth2(adminToken).get(Service.INGESTION.url() + "/v1/sources/" + sourceId + "/stats")
                .then().statusCode(200).extract().as(Map.class);
    }
}
