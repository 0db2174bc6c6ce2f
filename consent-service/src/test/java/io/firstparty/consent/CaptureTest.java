package io.firstparty.consent;

import io.firstparty.contracts.events.ConsentEvidence;
import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.PrivacySignal;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CaptureTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);

    @Test
    void sdkPreferencesAndFormBoxesBecomeRecordsAndThePersonsWholeStateIsPublished() {
        String person = TestPeople.newProfileId();
        ConsentEvidence box = new ConsentEvidence("email_marketing", true, "form-v3", "cd".repeat(32), "web_form");
        TestPeople.resolve(person, List.of(TestPeople.email("sdk")), Map.of("analytics", false, "personalisation", true),
                List.of(box));

        within(TRAVEL, () -> expect(person, "email_marketing", true, "granted"));
        expect(person, "analytics", false, "refused");
        expect(person, "personalization", true, "granted");
        ConsentStateChanged state = TestKafka.await(Topics.CONSENT_CHANGES, person,
                changed -> changed != null && ((ConsentStateChanged) changed).purposes().size() == 3);
        assertEquals(ConsentStatus.GRANTED, state.purposes().get("email_marketing").status());
        assertEquals(ConsentStatus.DENIED, state.purposes().get("analytics").status());
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then()
                .statusCode(200)
                .body("find { it.purpose == 'email_marketing' }.textHash", equalTo("cd".repeat(32)))
                .body("find { it.purpose == 'email_marketing' }.channel", equalTo("web_form"))
                .body("find { it.purpose == 'analytics' }.method", equalTo("category_preferences"));

        // The same preferences on the next event change nothing and add no record.
        TestPeople.resolve(person, List.of(TestPeople.email("sdk")), Map.of("analytics", false), List.of());
        TestPeople.resolve(person, List.of(TestPeople.email("sdk")), Map.of("analytics", true), List.of());
        within(TRAVEL, () -> expect(person, "analytics", true, "granted"));
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger/verify").then()
                .body("intact", equalTo(true))
                .body("records", equalTo(4));
    }

    @Test
    void aGpcSignalWaitsForItsIdentifierThenObjectsAndRefusesAndLaterIdentifiersInherit() {
        Identifier device = TestPeople.email("gpc");
        TestKafka.send(Topics.PRIVACY_SIGNALS, new ObjectionSignalled(ObjectionSignalled.CURRENT_VERSION,
                PrivacySignal.GLOBAL_PRIVACY_CONTROL, "src-test", UUID.randomUUID().toString(), List.of(device),
                Instant.now()));
        within(TRAVEL, () -> checkIdentifier(device, "ai_training").body("allowed", equalTo(false))
                .body("reason", equalTo("objected")));

        String person = TestPeople.newProfileId();
        TestPeople.resolve(person, List.of(device), Map.of(), List.of());
        within(TRAVEL, () -> expect(person, "ai_training", false, "objected"));
        expect(person, "email_marketing", false, "refused");

        Identifier later = TestPeople.email("later");
        TestPeople.resolve(person, List.of(device, later), Map.of(), List.of());
        within(TRAVEL, () -> checkIdentifier(later, "ai_training").body("allowed", equalTo(false))
                .body("reason", equalTo("objected"))
                .body("person", equalTo(person)));
    }

    @Test
    void oneAddressAtTwoBrandsIsTwoPeopleAndAnAnswerByAddressHonoursBoth() {
        Identifier shared = TestPeople.email("two-brands");
        String atTheShop = TestPeople.newProfileId();
        String atTheSpa = TestPeople.newProfileId();
        TestPeople.resolve(atTheShop, List.of(shared), Map.of("email_marketing", true), List.of());
        within(TRAVEL, () -> expect(atTheShop, "email_marketing", true, "granted"));
        TestPeople.resolve(atTheSpa, List.of(shared), Map.of("email_marketing", false), List.of());
        within(TRAVEL, () -> expect(atTheSpa, "email_marketing", false, "refused"));

        // Resolving her again at the shop must not make the address hers alone.
        TestPeople.resolve(atTheShop, List.of(shared), Map.of(), List.of());
        within(TRAVEL, () -> checkIdentifier(shared, "email_marketing").body("allowed", equalTo(false))
                .body("reason", equalTo("refused")).body("person", equalTo(atTheSpa)));
        expect(atTheShop, "email_marketing", true, "granted");

        // A privacy signal for the address objects for each person holding it.
        TestKafka.send(Topics.PRIVACY_SIGNALS, new ObjectionSignalled(ObjectionSignalled.CURRENT_VERSION,
                PrivacySignal.GLOBAL_PRIVACY_CONTROL, "src-test", UUID.randomUUID().toString(), List.of(shared),
                Instant.now()));
        within(TRAVEL, () -> expect(atTheShop, "ai_training", false, "objected"));
        within(TRAVEL, () -> expect(atTheSpa, "ai_training", false, "objected"));
    }

    @Test
    void onMergeTheDenialWinsAndUnmergeGivesEachProfileItsOwnStateBack() {
        String survivor = TestPeople.newProfileId();
        String absorbed = TestPeople.newProfileId();
        TestPeople.resolve(survivor, List.of(TestPeople.email("s")), Map.of("email_marketing", true, "analytics", true), List.of());
        TestPeople.resolve(absorbed, List.of(TestPeople.email("a")), Map.of("email_marketing", false, "personalization", true), List.of());
        within(TRAVEL, () -> expect(absorbed, "email_marketing", false, "refused"));
        within(TRAVEL, () -> expect(survivor, "email_marketing", true, "granted"));

        String mergeId = UUID.randomUUID().toString();
        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileMerged(ProfileMerged.CURRENT_VERSION, survivor, absorbed,
                mergeId, "same e-mail", Instant.now()));
        within(TRAVEL, () -> expect(survivor, "email_marketing", false, "refused"));
        expect(survivor, "personalization", true, "granted");
        expect(survivor, "analytics", true, "granted");
        checkProfile(absorbed, "email_marketing").body("person", equalTo(survivor)).body("allowed", equalTo(false));

        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileUnmerged(ProfileUnmerged.CURRENT_VERSION, survivor, absorbed,
                mergeId, "different people", Instant.now()));
        within(TRAVEL, () -> expect(survivor, "email_marketing", true, "granted"));
        expect(survivor, "personalization", false, "no_record");
        expect(absorbed, "email_marketing", false, "refused");
        expect(absorbed, "personalization", true, "granted");
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + survivor + "/ledger/verify").then().body("intact", equalTo(true));
    }

    @Test
    void erasureDeletesTheLedgerLeavesATraceAndPublishesATombstone() {
        String person = TestPeople.newProfileId();
        TestPeople.resolve(person, List.of(TestPeople.email("erase")), Map.of("email_marketing", true), List.of());
        within(TRAVEL, () -> expect(person, "email_marketing", true, "granted"));

        String requestId = "dsr-" + person;
        String erasedHash = TestPeople.email("erased").hash();
        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION, person, requestId,
                List.of(erasedHash), Instant.now()));
        within(TRAVEL, () -> expect(person, "email_marketing", false, "unknown_person"));
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then().statusCode(404);
        TestKafka.await(Topics.CONSENT_CHANGES, person, changed -> changed == null);

        ErasureCompleted report = TestKafka.await(Topics.ERASURE_REPORTS, requestId,
                (ErasureCompleted completed) -> "consent-service".equals(completed.service()));
        assertEquals(ErasureCompleted.ERASED, report.outcome());
        assertEquals(List.of(person), report.profileIds());
        assertTrue(report.itemsErased() > 0, "the granted consent's record was erased");
        IdentifierSuppressed suppressed = TestKafka.await(Topics.IDENTIFIERS_SUPPRESSED, erasedHash,
                (IdentifierSuppressed suppression) -> requestId.equals(suppression.erasureRequestId()));
        assertEquals(erasedHash, suppressed.identifierHash());
    }

    static void expect(String profileId, String purpose, boolean allowed, String reason) {
        checkProfile(profileId, purpose).body("allowed", equalTo(allowed)).body("reason", equalTo(reason));
    }

    static io.restassured.response.ValidatableResponse checkProfile(String profileId, String purpose) {
        return as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", purpose, "profileId", profileId))
                .post("/v1/consents/check").then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse checkIdentifier(Identifier identifier, String purpose) {
        return as(Roles.MARKETER).contentType(ContentType.JSON)
                .body(Map.of("purpose", purpose, "identifier", identifier.key()))
                .post("/v1/consents/check").then().statusCode(200);
    }
}
