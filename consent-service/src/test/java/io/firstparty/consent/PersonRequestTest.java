package io.firstparty.consent;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.firstparty.consent.selfservice.service.PersonRequests;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests people make themselves, confirmed through a link sent to their address (GreenMail). */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class PersonRequestTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("http://\\S+(/v1/privacy-requests/(confirm|archive)/[A-Za-z0-9_.-]+)");
    private static GreenMail smtp;

    @Inject
    PersonRequests personRequests;

    @Inject
    DataSource database;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(TestSmtpPort.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void anAccessRequestConfirmedByTheLinkIsFiledAndItsArchiveLinkGoesToTheSameAddressOnly() {
        String person = TestPeople.newProfileId();
        Identifier email = TestPeople.email("self-access");
        TestPeople.resolve(person, List.of(email), Map.of("email_marketing", true), List.of());
        within(TRAVEL, () -> CaptureTest.expect(person, "email_marketing", true, "granted"));

        String known = ask(Map.of("email", email.value().toUpperCase(), "type", "access"));
        String unknown = ask(Map.of("email", TestPeople.email("nobody").value(), "type", "access"));
        assertEquals(known, unknown, "the same answer whether the address is known or not");

        String confirm = link(email, "confirm", 0);
        RestAssured.given().get(confirm).then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<form method=\"post\">"));
        String requestId = RestAssured.given().post(confirm).then().statusCode(200)
                .body("type", equalTo("access")).body("status", equalTo("filed"))
                .extract().path("requestId");
        RestAssured.given().post(confirm).then().statusCode(200).body("requestId", equalTo(requestId));
        AccessRequested published = TestKafka.await(Topics.ACCESS_REQUESTS, requestId, (AccessRequested any) -> true);
        assertEquals(List.of(email.hash()), published.identifiers().stream().map(Identifier::hash).toList());
        as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + requestId).then().statusCode(200)
                .body("services.find { it.service == 'consent-service' }.outcome", equalTo("delivered"));

        // Until every service delivered, no archive link is sent.
        personRequests.deliverArchives();
        assertTrue(mailsTo(email, "archive").isEmpty());
        for (String service : List.of("profile-service", "segment-service", "ingestion-service")) {
            AccessPartDelivered.chunked(requestId, service, UUID.randomUUID().toString(), AccessPartDelivered.NOTHING_HELD,
                    List.of(), Map.of(), null, null, Instant.now()).forEach(chunk -> TestKafka.send(Topics.ACCESS_PARTS, chunk));
        }
        within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/access-requests/" + requestId).then()
                .body("status", equalTo("complete")));
        within(TRAVEL, () -> {
            personRequests.deliverArchives();
            assertFalse(mailsTo(email, "archive").isEmpty(), "the archive link was sent");
        });
        String archive = link(email, "archive", 0);
        JsonPath document = RestAssured.given().get(archive).then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
        assertEquals(person, document.getString("sections.'consent-service'.people[0].profileId"));
        assertEquals(requestId, document.getString("request.id"));

        String token = archive.substring(archive.lastIndexOf('/') + 1);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        RestAssured.given().get("/v1/privacy-requests/archive/" + tampered).then().statusCode(400)
                .contentType(PROBLEM_JSON).body("violations[0].field", equalTo("/token"));
        // A link signed for the same request but another address opens nothing.
        String[] fields = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8).split("\\|");
        String forOther = PersonRequests.signer(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("firstparty.consent.person-requests.secret", String.class)).sign(List.of("archive", fields[1], fields[2],
                TestPeople.email("someone-else").hash()), Instant.now().plusSeconds(600));
        RestAssured.given().get("/v1/privacy-requests/archive/" + forOther).then().statusCode(403).contentType(PROBLEM_JSON);
        // A confirmation link is not an archive link.
        RestAssured.given().get("/v1/privacy-requests/archive/" + confirm.substring(confirm.lastIndexOf('/') + 1))
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void confirmedErasureAndObjectionAreFiledForTheAddressThatAsked() {
        String person = TestPeople.newProfileId();
        Identifier email = TestPeople.email("self-object");
        TestPeople.resolve(person, List.of(email), Map.of(), List.of());
        // The same address is another person at a brand not linked to the first: the objection is theirs too.
        String atAnotherBrand = TestPeople.newProfileId();
        TestPeople.resolve(atAnotherBrand, List.of(email), Map.of(), List.of());
        // Known to the service, with the address linked (no objection is also the answer for a stranger).
        for (String holder : List.of(person, atAnotherBrand)) {
            within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + holder + "/consents").then()
                    .statusCode(200));
            CaptureTest.expect(holder, "ai_training", true, "no_objection");
        }

        ask(Map.of("email", email.value(), "type", "objection", "purposes", List.of("ai_training")));
        String objectionId = RestAssured.given().post(link(email, "confirm", 0)).then().statusCode(200)
                .body("type", equalTo("objection")).body("status", equalTo("filed")).extract().path("requestId");
        CaptureTest.expect(person, "ai_training", false, "objected");
        CaptureTest.expect(atAnotherBrand, "ai_training", false, "objected");
        as(Roles.PRIVACY_OFFICER).get("/v1/objection-requests/" + objectionId).then().statusCode(200)
                .body("purposes", equalTo(List.of("ai_training")))
                .body("ledgerRecords.size()", equalTo(2));
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then()
                .body("find { it.method == 'objection_request' }.channel", equalTo("email_link"));

        ask(Map.of("email", email.value(), "type", "erasure"));
        String erasureId = RestAssured.given().post(link(email, "confirm", 1)).then().statusCode(200)
                .body("type", equalTo("erasure")).extract().path("requestId");
        ErasureRequested erasure = TestKafka.await(Topics.ERASURE_REQUESTS, erasureId, (ErasureRequested any) -> true);
        assertEquals(List.of(email.hash()), erasure.identifiers().stream().map(Identifier::hash).toList());
        as(Roles.PRIVACY_OFFICER).get("/v1/erasure-requests/" + erasureId).then().statusCode(200);
    }

    @Test
    void theFormIsNarrow() {
        Identifier email = TestPeople.email("narrow");
        RestAssured.given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email.value() + "\",\"type\":\"access\",\"language\":\"" + "x".repeat(3000) + "\"}")
                .post("/v1/privacy-requests").then().statusCode(413).contentType(PROBLEM_JSON);
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", email.value(), "type", "everything"))
                .post("/v1/privacy-requests").then().statusCode(400).body("violations[0].field", equalTo("/type"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", "not-an-address", "type", "access"))
                .post("/v1/privacy-requests").then().statusCode(400).body("violations[0].field", equalTo("/email"));
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", email.value(), "type", "objection", "purposes", List.of("email_marketing")))
                .post("/v1/privacy-requests").then().statusCode(400).body("violations[0].field", equalTo("/purposes/0"));
        RestAssured.given().post("/v1/privacy-requests/confirm/not-a-token").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("violations[0].field", equalTo("/token"));
        for (int i = 0; i < 3; i++) {
            ask(Map.of("email", email.value(), "type", "access"));
        }
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", email.value(), "type", "access"))
                .post("/v1/privacy-requests").then().statusCode(429).contentType(PROBLEM_JSON)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aRequestNeverConfirmedIsForgottenAddressAndAllOnceItsLinkExpired() throws Exception {
        Identifier email = TestPeople.email("never-confirmed");
        ask(Map.of("email", email.value(), "type", "erasure"));
        String confirm = link(email, "confirm", 0);
        try (Connection connection = database.getConnection();
             PreparedStatement expire = connection.prepareStatement(
                     "UPDATE person_request SET expires_at = now() - interval '1 minute' WHERE email_hash = ?")) {
            expire.setString(1, email.hash());
            assertEquals(1, expire.executeUpdate());
        }
        personRequests.deliverArchives();
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM person_request WHERE email_hash = ?")) {
            count.setString(1, email.hash());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertEquals(0, row.getInt(1));
            }
        }
        RestAssured.given().post(confirm).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    private static String ask(Map<String, Object> body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body).post("/v1/privacy-requests").then()
                .statusCode(202).body("message", equalTo(PersonRequests.ANSWER)).extract().asString();
    }

    /** The path of the link of this kind e-mailed to the address after {@code earlier} others. */
    private static String link(Identifier email, String kind, int earlier) {
        AtomicReference<String> found = new AtomicReference<>();
        within(TRAVEL, () -> {
            List<String> links = mailsTo(email, kind);
            assertTrue(links.size() > earlier, "no new " + kind + " link yet");
            found.set(links.get(earlier));
        });
        assertNotNull(found.get());
        return found.get();
    }

    private static List<String> mailsTo(Identifier email, String kind) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> to(message, email.value()))
                .map(PersonRequestTest::text).map(LINK::matcher).filter(Matcher::find)
                .filter(matcher -> kind.equals(matcher.group(2))).map(matcher -> matcher.group(1)).toList();
    }

    private static boolean to(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> address.equals(to.toString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
