package io.firstparty.consent;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Objections received earlier through other channels, imported by a privacy officer. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ObjectionImportTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);
    private static final String LONG_AGO = "2019-05-01T10:00:00Z";

    @Inject
    EntityManager entityManager;

    @Test
    void importedObjectionsKeepTheirTimeAndChannelAndImportingAgainRecordsNothingNew() {
        String purpose = TestPurposes.legitimateInterest();
        String person = TestPeople.resolved(TestPeople.newProfileId());
        Identifier unknown = TestPeople.email("letter-writer");
        String letter = "letter-" + UUID.randomUUID();
        List<Map<String, Object>> batch = List.of(
                line(Map.of("profileId", person), purpose, LONG_AGO, "letter", letter),
                line(Map.of("identifier", unknown.key()), purpose, "2021-02-03T04:05:06Z", "mailbox",
                        "mail-" + UUID.randomUUID()));

        importing(batch).statusCode(200)
                .body("recorded", equalTo(1)).body("pending", equalTo(1)).body("alreadyRecorded", equalTo(0))
                .body("lines.pointer", containsInAnyOrder("/0", "/1"))
                .body("lines[0].outcome", equalTo("recorded"))
                .body("lines[0].profileId", equalTo(person))
                .body("lines[1].outcome", equalTo("pending"))
                .body("lines[1].profileId", nullValue());

        List<Map<String, Object>> objections = objections(person);
        assertEquals(1, objections.size(), objections.toString());
        Map<String, Object> record = objections.get(0);
        assertEquals("import", record.get("channel"));
        assertEquals("import", record.get("method"));
        assertEquals("letter", record.get("source"));
        assertEquals(LONG_AGO, record.get("occurredAt"));
        assertEquals("objected", record.get("status"));

        // The same file again: every line already on record, nothing new in the ledger.
        importing(batch).statusCode(200)
                .body("recorded", equalTo(0)).body("pending", equalTo(0)).body("alreadyRecorded", equalTo(2))
                .body("lines[0].outcome", equalTo("already_recorded"))
                .body("lines[0].recordId", equalTo(record.get("id")));
        assertEquals(1, objections(person).size());
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger/verify").then().statusCode(200)
                .body("intact", equalTo(true));

        // The address that wrote to the mailbox becomes a customer: the objection is theirs, at its own time.
        checkByIdentifier(purpose, unknown).body("allowed", equalTo(false)).body("reason", equalTo("objected"));
        String newcomer = TestPeople.newProfileId();
        TestPeople.resolve(newcomer, List.of(unknown), Map.of(), List.of());
        within(TRAVEL, () -> check(purpose, newcomer).body("allowed", equalTo(false)).body("reason", equalTo("objected")));
        List<Map<String, Object>> inherited = objections(newcomer);
        assertEquals(1, inherited.size());
        assertEquals("2021-02-03T04:05:06Z", inherited.get(0).get("occurredAt"));
        assertEquals("mailbox", inherited.get(0).get("source"));
    }

    @Test
    void anImportedObjectionStillDeniesAfterACampaignForItsPurposeStartsAndAfterItsStartDate() {
        String purpose = TestPurposes.legitimateInterest();
        String objector = TestPeople.resolved(TestPeople.newProfileId());
        String other = TestPeople.resolved(TestPeople.newProfileId());
        importing(List.of(line(Map.of("profileId", objector), purpose, LONG_AGO, "legacy_form", "old-form-" + UUID.randomUUID())))
                .statusCode(200).body("recorded", equalTo(1));
        check(purpose, objector).body("allowed", equalTo(false)).body("reason", equalTo("objected"));
        check(purpose, other).body("allowed", equalTo(true));

        // A campaign announces the purpose anew, years after the letter.
        Instant startsAt = Instant.now().plus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String campaign = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", purpose,
                        "subject", Map.of("en", "We will train our models", "fr", "Nous entraînerons nos modèles"),
                        "text", Map.of("en", "From the date below, what you do trains our models.",
                                "fr", "À partir de la date ci-dessous, ce que vous faites entraîne nos modèles."),
                        "processingStartsAt", startsAt.toString(), "sourceIds", List.of("src-" + UUID.randomUUID())))
                .post("/v1/campaigns").then().statusCode(201).extract().path("id");
        as(Roles.PRIVACY_OFFICER).post("/v1/campaigns/" + campaign + "/start").then().statusCode(200)
                .body("status", equalTo("started"));
        within(TRAVEL, () -> check(purpose, other).body("reason", equalTo("notice_period")));
        check(purpose, objector).body("allowed", equalTo(false)).body("reason", equalTo("objected"));

        // The notice period ends: processing starts for others, never for the objector.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE purpose SET processing_starts_at = now() - interval '1 second' WHERE code = ?1")
                .setParameter(1, purpose).executeUpdate());
        within(TRAVEL, () -> check(purpose, other).body("allowed", equalTo(true)).body("reason", equalTo("no_objection")));
        check(purpose, objector).body("allowed", equalTo(false)).body("reason", equalTo("objected"));
    }

    @Test
    void aBatchWithWrongLinesRecordsNothingAndNamesEachWrongFieldByItsPointer() {
        String purpose = TestPurposes.legitimateInterest();
        String person = TestPeople.resolved(TestPeople.newProfileId());
        Map<String, Object> both = new HashMap<>(line(Map.of("profileId", person), purpose, LONG_AGO, "letter", "ref-1"));
        both.put("identifier", "email:someone@example.com");
        List<Map<String, Object>> batch = List.of(
                line(Map.of("profileId", person), purpose, LONG_AGO, "letter", "good-" + UUID.randomUUID()),
                line(Map.of("profileId", person), purpose, Instant.now().plus(2, ChronoUnit.DAYS).toString(), "letter", "future"),
                line(Map.of("profileId", person), purpose, LONG_AGO, "carrier_pigeon", "pigeon"),
                both,
                line(Map.of("profileId", person), "email_marketing", LONG_AGO, "letter", "consent"),
                line(Map.of("identifier", "fax:123"), purpose, "yesterday", "letter", ""),
                line(Map.of("profileId", "p-nobody-" + UUID.randomUUID()), purpose, LONG_AGO, "letter", "nobody"));

        importing(batch).statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("/1/receivedAt"))
                .body("violations.find { it.field == '/1/receivedAt' }.rule", equalTo("must not be in the future"))
                .body("violations.field", hasItem("/2/channel"))
                .body("violations.field", hasItem("/3"))
                .body("violations.field", hasItem("/4/purpose"))
                .body("violations.field", hasItem("/5/identifier"))
                .body("violations.field", hasItem("/5/receivedAt"))
                .body("violations.field", hasItem("/5/evidenceRef"))
                .body("violations.field", hasItem("/6/profileId"));
        assertEquals(0, objections(person).size(), "the right line of a wrong batch is not recorded either");

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(line(Map.of("profileId", person), purpose, LONG_AGO, "letter", "bulk-" + i));
        }
        importing(tooMany).statusCode(413).contentType(PROBLEM_JSON);
        importing(List.of()).statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body("{\"not\": \"an array\"}")
                .post("/v1/objection-imports").then().statusCode(400).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(List.of(line(Map.of("profileId", person), purpose, LONG_AGO, "letter", "m")))
                .post("/v1/objection-imports").then().statusCode(403);
        assertEquals(0, objections(person).size());
    }

    private static Map<String, Object> line(Map<String, Object> who, String purpose, String receivedAt, String channel,
                                            String evidenceRef) {
        Map<String, Object> line = new HashMap<>(who);
        line.put("purpose", purpose);
        line.put("receivedAt", receivedAt);
        line.put("channel", channel);
        line.put("evidenceRef", evidenceRef);
        return line;
    }

    private static ValidatableResponse importing(List<Map<String, Object>> batch) {
        return as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(batch).post("/v1/objection-imports").then();
    }

    private static ValidatableResponse check(String purpose, String profileId) {
        return as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", purpose, "profileId", profileId))
                .post("/v1/consents/check").then().statusCode(200);
    }

    private static ValidatableResponse checkByIdentifier(String purpose, Identifier identifier) {
        return as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "identifier", identifier.key()))
                .post("/v1/consents/check").then().statusCode(200);
    }

    private static List<Map<String, Object>> objections(String person) {
        return as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.action == 'object' }");
    }
}
