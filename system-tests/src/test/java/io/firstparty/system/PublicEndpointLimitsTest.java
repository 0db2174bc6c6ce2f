package io.firstparty.system;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Http;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public endpoints, which need no login (collection, web forms, objection pages, people's own
 * privacy requests), each hold their size limit (413), their rate (429 with Retry-After) and their
 * origins, on the platform as it runs; a person's objection link acts for that person only. Runs after
 * the scenarios, and spends the rates last: every page of the objection form counts against this client
 * address's allowance.
 */
@Order(30)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicEndpointLimitsTest {

    private static final String OTHER_ORIGIN = "https://evil.example.net";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration RESOLUTION = Duration.ofSeconds(90);
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private static LocalPlatform platform;
    private static Brand brand;
    private static String form;

    @BeforeAll
    static void brandWithAForm() {
        platform = LocalPlatform.get();
        brand = Brand.create(platform, "Maison Limite", List.of(), 3);
        form = as("admin").contentType(ContentType.JSON).body(Map.of("name", "Newsletter", "kind", "newsletter",
                        "call", "identify", "fields", Map.of("email", "identifier:email"),
                        "labels", Map.of("email", "Your e-mail"), "thankYouUrl", Brand.ORIGIN + "/merci"))
                .post(Service.INGESTION.url() + "/v1/sources/" + brand.sourceId() + "/forms")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    @Order(1)
    void everyPublicBodyHasItsSizeLimit() {
        String big = "x".repeat(600_000);
        expectProblem(413, brand.collect().body(Map.of("batch", List.of(Map.of("type", "track", "userId", "u",
                "event", "Oversized", "properties", Map.of("note", big))))).post("/v1/batch"));
        expectProblem(413, fromTheBrandsPage().body("email=ada%40example.com&padding=" + "x".repeat(33_000))
                .post(Service.INGESTION.url() + "/v1/forms/" + form));
        expectProblem(413, RestAssured.given().contentType(ContentType.URLENC)
                .body("email=ada%40example.com&purpose=" + "x".repeat(3_000)).post(Service.CONSENT.url() + "/v1/objections"));
        expectProblem(413, RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", "ada@example.com", "type", "access", "language", "x".repeat(3_000)))
                .post(Service.CONSENT.url() + "/v1/privacy-requests"));
    }

    @Test
    @Order(4)
    void everyPublicEndpointHasItsRate() {
        // The source takes 3 messages a second: collection and its forms share that rate.
        expectRateLimited("collection", 10, () -> brand.collect()
                .body(Map.of("userId", "u-" + UUID.randomUUID(), "event", "Rate Probe")).post("/v1/track"));
        expectRateLimited("web form", 10, () -> fromTheBrandsPage().body("email=rate%40example.com")
                .post(Service.INGESTION.url() + "/v1/forms/" + form));
        // 60 page requests a minute per client address (the scenarios spent some of them already).
        expectRateLimited("objection pages", 70, () -> RestAssured.get(Service.CONSENT.url() + "/v1/objections"));
        // 20 requests an hour per client address, counted in the database for every replica.
        expectRateLimited("privacy requests", 30, () -> RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", Sensitive.value("rate." + UUID.randomUUID() + "@mail.example"), "type", "access"))
                .post(Service.CONSENT.url() + "/v1/privacy-requests"));
    }

    @Test
    @Order(2)
    void onlyTheSourcesOriginsMayCallFromABrowser() {
        RestAssured.given().header("Origin", OTHER_ORIGIN).header("Access-Control-Request-Method", "POST")
                .options(Service.INGESTION.url() + "/v1/track").then()
                .statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        expectProblem(403, brand.collect().header("Origin", OTHER_ORIGIN)
                .body(Map.of("userId", "u", "event", "From Elsewhere")).post("/v1/track"));
        expectProblem(403, RestAssured.given().redirects().follow(false).contentType(ContentType.URLENC)
                .header("Origin", OTHER_ORIGIN).body("email=ada%40example.com")
                .post(Service.INGESTION.url() + "/v1/forms/" + form));
        // consent-service's public pages are plain HTML forms and JSON for people, never opened to scripts of other sites.
        for (String path : List.of("/v1/objections", "/v1/privacy-requests")) {
            RestAssured.given().header("Origin", OTHER_ORIGIN).header("Access-Control-Request-Method", "POST")
                    .options(Service.CONSENT.url() + path).then().header("Access-Control-Allow-Origin", nullValue());
        }
    }

    @Test
    @Order(3)
    void aPersonsObjectionLinkActsForThatPersonOnly() {
        String ada = person("ada");
        String ben = person("ben");
        String adasLink = objectionLink(ada);
        String bensLink = objectionLink(ben);
        String adasToken = adasLink.substring(adasLink.lastIndexOf('/') + 1);
        String bensToken = bensLink.substring(bensLink.lastIndexOf('/') + 1);
        // Ben's claims under Ada's signature.
        String forged = bensToken.substring(0, bensToken.indexOf('.')) + adasToken.substring(adasToken.indexOf('.'));

        RestAssured.given().contentType(ContentType.URLENC).post(Service.CONSENT.url() + "/v1/objections/" + forged)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("/token"));
        RestAssured.given().contentType(ContentType.URLENC).post(Service.CONSENT.url() + adasLink).then().statusCode(200);

        assertEquals(1, objections(ada), "Ada's own link records her objection");
        assertEquals(0, objections(ben), "neither Ada's link nor a forgery of it objects for Ben");
    }

    /** A person of the brand who posted one identify with an e-mail, once profile-service resolved it. */
    private static String person(String name) {
        String email = Sensitive.value(name + "." + UUID.randomUUID().toString().substring(0, 8) + "@mail.example");
        Brand own = Brand.create(platform, "Maison Lien");
        own.collect().body(Map.of("userId", "u-" + UUID.randomUUID(), "traits", Map.of("email", email)))
                .post("/v1/identify").then().statusCode(200);
        String[] id = new String[1];
        Http.await("the profile of " + name, RESOLUTION, () -> {
            Response found = as("marketer").queryParam("identifier", "email:" + email).get(Service.PROFILE.url() + "/v1/profiles");
            id[0] = found.statusCode() == 200 ? found.jsonPath().getString("id") : null;
            return id[0] != null;
        }, platform.service(Service.PROFILE));
        return id[0];
    }

    /** The person's AI-training objection link, once consent-service knows the person. */
    private static String objectionLink(String profileId) {
        String[] path = new String[1];
        Http.await("consent-service to know " + profileId, RESOLUTION, () -> {
            Response issued = as("privacy").contentType(ContentType.JSON)
                    .body(Map.of("purpose", "ai_training", "language", "en"))
                    .post(Service.CONSENT.url() + "/v1/people/" + profileId + "/objection-links");
            path[0] = issued.statusCode() == 201 ? issued.jsonPath().getString("path") : null;
            return path[0] != null;
        }, platform.service(Service.CONSENT));
        return path[0];
    }

    private static int objections(String profileId) {
        List<Object> recorded = as("privacy").get(Service.CONSENT.url() + "/v1/people/" + profileId + "/ledger")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.action == 'object' }");
        return recorded.size();
    }

    /** Posts until the endpoint answers 429, which must come within {@code attempts} and say when to retry. */
    private static void expectRateLimited(String endpoint, int attempts, Supplier<Response> call) {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Response response = call.get();
            answers.add(response.statusCode());
            if (response.statusCode() == 429) {
                response.then().contentType(PROBLEM_JSON).body("status", equalTo(429))
                        .header("Retry-After", notNullValue());
                assertTrue(Integer.parseInt(response.header("Retry-After")) > 0, endpoint + ": Retry-After in seconds");
                return;
            }
            assertTrue(response.statusCode() < 300 || response.statusCode() == 303,
                    endpoint + " answered " + response.statusCode() + " before its rate was spent: " + response.asString());
        }
        fail(endpoint + " never answered 429 in " + attempts + " calls: " + answers);
    }

    private static void expectProblem(int status, Response response) {
        response.then().statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status));
    }

    /** A browser without JavaScript posting the form from the brand's own page. */
    private static RequestSpecification fromTheBrandsPage() {
        return RestAssured.given().redirects().follow(false).contentType(ContentType.URLENC).header("Origin", Brand.ORIGIN);
    }

    private static RequestSpecification as(String demoUser) {
        String token = TOKENS.computeIfAbsent(demoUser, user -> Sensitive.value(platform.keycloak().token(user)));
        return RestAssured.given().auth().oauth2(token);
    }
}
