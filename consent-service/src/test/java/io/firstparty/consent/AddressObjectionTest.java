package io.firstparty.consent;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objecting without a personal link: by an e-mail address, confirmed through a link e-mailed to it. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AddressObjectionTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);
    private static TestInbox inbox;

    @BeforeAll
    static void startSmtp() {
        inbox = TestInbox.start();
    }

    @AfterAll
    static void stopSmtp() {
        inbox.close();
    }

    @Test
    void anAddressNobodyHoldsObjectsAndThePersonLinkedToItLaterInheritsTheObjection() {
        String purpose = TestPurposes.legitimateInterest();
        Identifier stranger = TestPeople.email("stranger");
        LogCapture logs = LogCapture.start();
        try {
            client().get("/v1/objections?purpose=" + purpose).then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .body(containsString("<label for=\"email\">"))
                    .body(containsString("value=\"" + purpose + "\" required checked"))
                    .body(not(containsString("<script")));

            ask(client(), stranger.value(), purpose).then().statusCode(200).body(containsString("id=\"sent\""));
            TestInbox.Mail mail = inbox.await(stranger.value(), "Confirm your objection", TRAVEL);
            String link = mail.link();
            assertTrue(link.startsWith("/v1/objections/confirm/"), link);
            String payload = new String(Base64.getUrlDecoder().decode(
                    link.substring(link.lastIndexOf('/') + 1, link.indexOf('.'))), StandardCharsets.UTF_8);
            assertFalse(payload.contains("@"), "the link carries the address's hash, not the address: " + payload);
            assertTrue(payload.contains(stranger.hash()), payload);

            // Nothing is recorded until the link is followed.
            checkByIdentifier(purpose, stranger).body("allowed", equalTo(true));
            client().get(link).then().statusCode(200).body(containsString("I object</button>"))
                    .body(containsString("action=\"" + link + "\""));
            for (int answer = 0; answer < 2; answer++) {
                client().contentType("application/x-www-form-urlencoded").post(link).then()
                        .statusCode(200).body(containsString("id=\"confirmation\""));
            }
            client().get(link).then().statusCode(200).body(containsString("id=\"confirmation\""));
            checkByIdentifier(purpose, stranger).body("allowed", equalTo(false)).body("reason", equalTo("objected"));

            // The profile service links the address to a person: the objection is theirs, once.
            String person = TestPeople.newProfileId();
            TestPeople.resolve(person, List.of(stranger), Map.of(), List.of());
            within(TRAVEL, () -> check(purpose, person).body("allowed", equalTo(false)).body("reason", equalTo("objected")));
            List<Map<String, Object>> objections = objections(person);
            assertEquals(1, objections.size(), objections.toString());
            assertEquals("email_link", objections.get(0).get("channel"));
            assertEquals("objection_by_email", objections.get(0).get("method"));
            assertEquals(LedgerTest.textHash(purpose, "en"), objections.get(0).get("textHash"));
        } finally {
            logs.stop();
        }
        logs.assertNoneContains(stranger.value());
    }

    @Test
    void aKnownAddressGetsTheSameAnswerAndItsPersonTheObjection() {
        String purpose = TestPurposes.legitimateInterest();
        Identifier customer = TestPeople.email("customer");
        String person = TestPeople.newProfileId();
        TestPeople.resolve(person, List.of(customer), Map.of(), List.of());
        within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/consents").then().statusCode(200));
        Identifier stranger = TestPeople.email("stranger");

        String known = ask(client(), customer.value(), purpose).then().statusCode(200).extract().asString();
        String unknown = ask(client(), stranger.value(), purpose).then().statusCode(200).extract().asString();
        assertEquals(unknown, known, "the page never tells whether an address is known");

        String link = inbox.await(customer.value(), "Confirm your objection", TRAVEL).link();
        client().contentType("application/x-www-form-urlencoded").post(link).then().statusCode(200)
                .body(containsString("id=\"confirmation\""));
        check(purpose, person).body("allowed", equalTo(false)).body("reason", equalTo("objected"));
        assertEquals(1, objections(person).size());
    }

    @Test
    void theFormSpeaksFrenchWhenAsked() {
        String purpose = TestPurposes.legitimateInterest();
        client().get("/v1/objections?lang=fr&purpose=" + purpose).then().statusCode(200)
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("Votre adresse e-mail"));
        Identifier address = TestPeople.email("francophone");
        client().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("email", address.value(), "purpose", purpose, "lang", "fr"))
                .post("/v1/objections").then().statusCode(200).body(containsString("<html lang=\"fr\">"));
        String link = inbox.await(address.value(), "Confirmez votre opposition", TRAVEL).link();
        client().get(link).then().statusCode(200).body(containsString("<html lang=\"fr\">"))
                .body(containsString("oppose</button>"));
    }

    @Test
    void wrongRequestsAreRefusedByFieldAndRule() {
        String purpose = TestPurposes.legitimateInterest();
        ask(client(), "not an address", purpose).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/email"));
        client().contentType("application/x-www-form-urlencoded").formParams(Map.of("purpose", purpose))
                .post("/v1/objections").then().statusCode(400).body("violations[0].field", equalTo("/email"));
        ask(client(), TestPeople.email("x").value(), "email_marketing").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("violations[0].field", equalTo("/purpose"));
        ask(client(), TestPeople.email("x").value(), "no_such_purpose").then().statusCode(400)
                .body("violations[0].field", equalTo("/purpose"));
        ask(client(), "a".repeat(300) + "@example.com", purpose).then().statusCode(400)
                .body("violations[0].field", equalTo("/email"));
        client().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("email", TestPeople.email("x").value(), "purpose", purpose, "padding", "x".repeat(5000)))
                .post("/v1/objections").then().statusCode(413).contentType(PROBLEM_JSON);

        // A confirmation link is no personal link, nor the other way round, and a forged one records nothing.
        client().contentType("application/x-www-form-urlencoded").post("/v1/objections/confirm/not-a-token").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("/token"));
        Identifier address = TestPeople.email("swapped");
        ask(client(), address.value(), purpose).then().statusCode(200);
        String confirmation = inbox.await(address.value(), "Confirm your objection", TRAVEL).link();
        String token = confirmation.substring(confirmation.lastIndexOf('/') + 1);
        client().get("/v1/objections/" + token).then().statusCode(400).body("violations[0].field", equalTo("/token"));
    }

    @Test
    void oneClientAsksForAFewE_mailsAMinuteThenWaits() {
        String purpose = TestPurposes.legitimateInterest();
        RequestSpecification sameClient = client();
        String forwarded = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        for (int i = 0; i < 5; i++) {
            ask(RestAssured.given().header("X-Forwarded-For", forwarded), TestPeople.email("flood").value(), purpose)
                    .then().statusCode(200);
        }
        ask(RestAssured.given().header("X-Forwarded-For", forwarded), TestPeople.email("flood").value(), purpose)
                .then().statusCode(429).contentType(PROBLEM_JSON).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Another client is not held back.
        ask(sameClient, TestPeople.email("other").value(), purpose).then().statusCode(200);
    }

    @Test
    void oneAddressGetsAFewE_mailsADayWhoeverAsksAndTheAnswerStaysTheSame() {
        String purpose = TestPurposes.legitimateInterest();
        Identifier target = TestPeople.email("target");
        for (int i = 0; i < 7; i++) {
            ask(client(), target.value(), purpose).then().statusCode(200).body(containsString("id=\"sent\""));
        }
        inbox.await(target.value(), "Confirm your objection", TRAVEL);
        assertEquals(5, inbox.to(target.value()).size(), "at most five confirmation e-mails a day to one address");
    }

    /** A client of its own: the limits count per client address, and the tests let X-Forwarded-For name it. */
    static RequestSpecification client() {
        java.util.Random random = new java.util.Random();
        return RestAssured.given().header("X-Forwarded-For",
                "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(250)));
    }

    static Response ask(RequestSpecification client, String address, String purpose) {
        return client.contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("email", address, "purpose", purpose, "lang", "en"))
                .post("/v1/objections");
    }

    private static io.restassured.response.ValidatableResponse check(String purpose, String profileId) {
        return as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", purpose, "profileId", profileId))
                .post("/v1/consents/check").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse checkByIdentifier(String purpose, Identifier identifier) {
        return as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "identifier", identifier.key()))
                .post("/v1/consents/check").then().statusCode(200);
    }

    private static List<Map<String, Object>> objections(String person) {
        return as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.action == 'object' }");
    }

    /** Everything the service logs while it runs, to prove that no address is among it. */
    static final class LogCapture extends Handler {

        private final List<String> lines = new ArrayList<>();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String message = record.getMessage();
            Object[] parameters = record.getParameters();
            lines.add(message + " " + (parameters == null ? "" : java.util.Arrays.toString(parameters))
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        synchronized void assertNoneContains(String text) {
            for (String line : lines) {
                assertFalse(line.toLowerCase().contains(text.toLowerCase()), "logged: " + line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
