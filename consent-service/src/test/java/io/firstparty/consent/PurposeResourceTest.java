package io.firstparty.consent;

import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.topics.Topics;
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
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class PurposeResourceTest {

    @Test
    void defaultPurposesCarryTheirLawfulBasisTextsAndCnilDurations() {
        as(Roles.PRIVACY_OFFICER).get("/v1/purposes").then()
                .statusCode(200)
                .body("code", hasItems("email_marketing", "personalization", "analytics", "ai_training"))
                .body("find { it.code == 'ai_training' }.lawfulBasis", equalTo("legitimate_interest"))
                .body("find { it.code == 'email_marketing' }.lawfulBasis", equalTo("consent"))
                .body("find { it.code == 'email_marketing' }.consentLifetimeMonths", equalTo(13))
                .body("find { it.code == 'email_marketing' }.reaskDelayMonths", equalTo(6))
                .body("find { it.code == 'analytics' }.text.fr", equalTo("Mesurer les visites et les conversions."));
        PurposeDefined published = TestKafka.await(Topics.CONSENT_PURPOSES, "ai_training", defined -> defined != null);
        assertEquals(LawfulBasis.LEGITIMATE_INTEREST, published.lawfulBasis());
    }

    @Test
    void versionRisesWhenTheTextChangesAndEveryDefinitionIsPublished() {
        String code = "loyalty_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> definition = Map.of("code", code, "name", "Loyalty offers", "lawfulBasis", "consent",
                "text", Map.of("en", "Offers for card holders.", "fr", "Offres pour les porteurs de carte."));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(definition).post("/v1/purposes").then()
                .statusCode(201)
                .body("version", equalTo(1))
                .body("consentLifetimeMonths", equalTo(13));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(definition).post("/v1/purposes").then()
                .statusCode(409).contentType(PROBLEM_JSON);

        Map<String, Object> sameText = Map.of("name", "Loyalty card offers", "lawfulBasis", "consent",
                "text", definition.get("text"), "consentLifetimeMonths", 12);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(sameText).put("/v1/purposes/" + code).then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("consentLifetimeMonths", equalTo(12));
        Map<String, Object> newText = Map.of("name", "Loyalty card offers", "lawfulBasis", "consent",
                "text", Map.of("en", "Offers and birthday gifts for card holders.", "fr", "Offres et cadeaux."));
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(newText).put("/v1/purposes/" + code).then()
                .statusCode(200)
                .body("version", equalTo(2));

        PurposeDefined published = TestKafka.await(Topics.CONSENT_PURPOSES, code,
                defined -> defined != null && ((PurposeDefined) defined).version() == 2);
        assertEquals(LawfulBasis.CONSENT, published.lawfulBasis());
    }

    @Test
    void badDefinitionsNameEveryFieldAndOnlyPrivacyOfficersWrite() {
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("code", "Bad Code", "lawfulBasis", "vibes", "text", Map.of("en", "x"),
                        "consentLifetimeMonths", 0))
                .post("/v1/purposes").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItems("/code", "/name", "/text/fr", "/lawfulBasis", "/consentLifetimeMonths"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("code", "x")).post("/v1/purposes").then()
                .statusCode(403);
        as(Roles.PRIVACY_OFFICER).get("/v1/purposes/nothing_here").then().statusCode(404).contentType(PROBLEM_JSON);
    }
}
