package io.firstparty.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.ingestion.StoredEvents;
import io.firstparty.ingestion.TestSources;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posts to public forms, from browsers with and without JavaScript, through to the event store. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class FormSubmissionTest {

    private static final Duration KAFKA = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;

    /** A form post as a browser without JavaScript makes it from the brand's page: urlencoded, asking for anything. */
    private static RequestSpecification browser() {
        return browserOn(TestSources.ORIGIN);
    }

    private static RequestSpecification browserOn(String origin) {
        return RestAssured.given().redirects().follow(false).contentType(ContentType.URLENC).header("Origin", origin);
    }

    private static RequestSpecification script() {
        return RestAssured.given().contentType(ContentType.JSON).header("Origin", TestSources.ORIGIN);
    }

    @Test
    void newsletterWithoutJavaScriptRedirectsAndStoresNormalisedEmailAndConsent() throws Exception {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, FormResourceTest.newsletter());

        browser().body("email=+Ada%40Example.COM+&firstName=Ada&marketing=on&utm_campaign=spring")
                .post("/v1/forms/" + form).then()
                .statusCode(303)
                .header("Location", FormResourceTest.THANKS);

        JsonNode event = onlyStoredEvent(source);
        assertEquals("identify", event.path("type").asText());
        assertEquals("Maison Test", event.path("brand").asText(), "the form's source's brand travels with the event");
        assertTrue(identifiers(event).contains("email:ada@example.com"), event.toString());
        assertTrue(event.path("consentPreferences").path("marketing").asBoolean(), event.toString());
        JsonNode evidence = event.path("consentEvidence").path(0);
        assertEquals("marketing", evidence.path("purpose").asText(), event.toString());
        assertTrue(evidence.path("granted").asBoolean());
        assertEquals("1", evidence.path("textVersion").asText());
        assertEquals(FormResourceTest.sha256(FormResourceTest.MARKETING_LABEL), evidence.path("textHash").asText());
        assertEquals("web_form", evidence.path("method").asText());
        assertEquals("Ada", event.path("traits").path("firstName").asText());
        assertFalse(event.path("anonymousId").asText().isBlank(), "a browser without an id gets one");
        assertFalse(event.toString().contains("spring"), "fields the form does not map are not stored");
    }

    /** A page in windows-1252 posts é as the single byte E9; browsers say so in _charset_, not in the header. */
    @Test
    void formsFromPagesInOtherCharacterSetsKeepTheirLetters() throws Exception {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, FormResourceTest.newsletter());

        browser().config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .body("_charset_=windows-1252&email=zoe%40example.com&firstName=Zo%E9")
                .post("/v1/forms/" + form).then().statusCode(303);
        JsonNode event = onlyStoredEvent(source);
        assertEquals("Zo\u00e9", event.path("traits").path("firstName").asText());
        assertFalse(event.toString().contains("_charset_"), event.toString());

        TestSources declared = TestSources.create();
        String declaredForm = FormResourceTest.create(declared, FormResourceTest.newsletter());
        browser().contentType("application/x-www-form-urlencoded; charset=ISO-8859-1")
                .body("email=renee%40example.com&firstName=Ren%E9e")
                .post("/v1/forms/" + declaredForm).then().statusCode(303);
        assertEquals("Ren\u00e9e", onlyStoredEvent(declared).path("traits").path("firstName").asText());
    }

    @Test
    void untickedConsentBoxIsStoredAsRefused() throws Exception {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, FormResourceTest.newsletter());

        browser().body("email=ada%40example.com").post("/v1/forms/" + form).then().statusCode(303);

        JsonNode event = onlyStoredEvent(source);
        assertFalse(event.path("consentPreferences").path("marketing").asBoolean(true), event.toString());
    }

    @Test
    void quizFromAScriptAnswersJsonAndMapsProperties() throws Exception {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, Map.of("name", "Skin quiz", "kind", "quiz", "call", "track",
                "event", "Quiz Completed", "fields", Map.of("skin", "property:skinType", "score", "property:score",
                        "concerns", "property:concerns", "email", "identifier:email"),
                "thankYouUrl", FormResourceTest.THANKS));

        script().body(Map.of("skin", "dry", "score", 7, "concerns", List.of("shine", "redness"),
                        "email", "ada@example.com", "anonymousId", "device-1", "hidden", "x"))
                .post("/v1/forms/" + form).then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("thankYouUrl", equalTo(FormResourceTest.THANKS));

        JsonNode event = onlyStoredEvent(source);
        assertEquals("track", event.path("type").asText());
        assertEquals("Quiz Completed", event.path("event").asText());
        assertEquals("dry", event.path("properties").path("skinType").asText());
        assertEquals(7, event.path("properties").path("score").asInt());
        assertEquals("redness", event.path("properties").path("concerns").path(1).asText());
        assertEquals("ada@example.com", event.path("context").path("traits").path("email").asText());
        assertEquals("device-1", event.path("anonymousId").asText());
        assertEquals(form, event.path("context").path("form").path("id").asText());
        assertFalse(event.toString().contains("hidden"), event.toString());
    }

    @Test
    void loyaltyFormNormalisesCardAndFrenchPhone() throws Exception {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, Map.of("name", "Loyalty", "kind", "loyalty", "call", "identify",
                "fields", Map.of("card", "identifier:loyalty_card", "phone", "identifier:phone", "customer", "user_id"),
                "required", List.of("card"), "thankYouUrl", FormResourceTest.THANKS + "?from=loyalty"));

        browser().body("card=ab-1234+5678&phone=06+12+34+56+78&customer=C-42").post("/v1/forms/" + form).then()
                .statusCode(303)
                .header("Location", FormResourceTest.THANKS + "?from=loyalty");

        JsonNode event = onlyStoredEvent(source);
        List<String> identifiers = identifiers(event);
        assertTrue(identifiers.contains("loyalty_card:AB12345678"), identifiers.toString());
        assertTrue(identifiers.contains("phone:+33612345678"), identifiers.toString());
        assertTrue(identifiers.contains("user_id:C-42"), identifiers.toString());
        assertEquals("C-42", event.path("userId").asText());
    }

    @Test
    void brokenRulesNameTheFormFieldAndAreKeptAsFailedEvents() {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, FormResourceTest.newsletter());

        browser().body("firstName=Ada").post("/v1/forms/" + form).then()
                .statusCode(303)
                .header("Location", FormResourceTest.THANKS + "?error=email");
        script().body(Map.of("firstName", "Ada")).post("/v1/forms/" + form).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/email"))
                .body("violations[0].rule", equalTo("is required"));
        browser().accept(ContentType.JSON).body("email=not-an-email").post("/v1/forms/" + form).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/email"))
                .body("violations[0].rule", containsString("e-mail address"));

        within(KAFKA, () -> assertEquals(3, stat(source, "failed")));
        assertEquals(0, stat(source, "stored"));
        as(Roles.ADMIN).get("/v1/sources/" + source.id() + "/failed-events").then()
                .statusCode(200)
                .body("[0].type", equalTo("identify"))
                .body("[0].originalBody", containsString(form));
    }

    @Test
    void honeypotIsAnsweredAsAcceptedButNothingIsStored() throws Exception {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, FormResourceTest.newsletter());

        // Same device id, so both would travel one partition in order: the bot's first.
        browser().body("email=bot%40spam.example&website=https%3A%2F%2Fspam.example&ajs_anonymous_id=device-2")
                .post("/v1/forms/" + form).then()
                .statusCode(303)
                .header("Location", FormResourceTest.THANKS);
        browser().body("email=ada%40example.com&website=&ajs_anonymous_id=device-2").post("/v1/forms/" + form).then()
                .statusCode(303);

        JsonNode event = onlyStoredEvent(source);
        assertTrue(identifiers(event).contains("email:ada@example.com"), event.toString());
        assertEquals(0, stat(source, "failed"));
        RestAssured.get("/q/metrics").then().body(containsString("firstparty_forms_honeypot_total"));
    }

    @Test
    void unknownFormIsNotFound() {
        script().body(Map.of("email", "ada@example.com")).post("/v1/forms/" + UUID.randomUUID()).then()
                .statusCode(404).contentType(PROBLEM_JSON);
        browser().body("email=ada%40example.com").post("/v1/forms/not-a-form").then()
                .statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void sourceRateLimitAnswers429WithRetryAfter() {
        TestSources slow = TestSources.create(2);
        String form = FormResourceTest.create(slow, FormResourceTest.newsletter());
        for (int i = 0; i < 2; i++) {
            script().body(Map.of("email", "ada@example.com")).post("/v1/forms/" + form).then().statusCode(200);
        }
        browser().body("email=ada%40example.com").post("/v1/forms/" + form).then()
                .statusCode(429).contentType(PROBLEM_JSON)
                .header("Retry-After", equalTo("1"));
    }

    @Test
    void oversizedPostsOtherOriginsAndDisabledSourcesAreRefused() {
        TestSources source = TestSources.create();
        String form = FormResourceTest.create(source, FormResourceTest.newsletter());

        browser().body("email=ada%40example.com&firstName=" + "x".repeat(33_000)).post("/v1/forms/" + form).then()
                .statusCode(413).contentType(PROBLEM_JSON);
        browserOn("https://evil.example.net").body("email=ada%40example.com")
                .post("/v1/forms/" + form).then()
                .statusCode(403).contentType(PROBLEM_JSON);
        as(Roles.ADMIN).post("/v1/sources/" + source.id() + "/disable").then().statusCode(200);
        browser().body("email=ada%40example.com").post("/v1/forms/" + form).then()
                .statusCode(403).contentType(PROBLEM_JSON)
                .body("detail", containsString("disabled"));
    }

    private long stat(TestSources source, String name) {
        return ((Number) source.stats().get(name)).longValue();
    }

    private JsonNode onlyStoredEvent(TestSources source) {
        return StoredEvents.only(dataSource, source);
    }

    private static List<String> identifiers(JsonNode event) {
        List<String> keys = new ArrayList<>();
        event.path("identifiers").forEach(id -> keys.add(id.path("type").asText() + ":" + id.path("value").asText()));
        return keys;
    }
}
