package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.TestSources;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Form definitions, for admins only, each broken rule named by its field. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
public class FormResourceTest {

    static final String THANKS = "https://shop.example.com/merci";
    public static final String MARKETING_LABEL = "Je souhaite recevoir les offres de Maison Test par e-mail.";

    /** A newsletter sign-up: a required e-mail, a first name and a marketing checkbox, as an identify call. */
    public static Map<String, Object> newsletter() {
        return Map.of("name", "Newsletter", "kind", "newsletter", "call", "identify",
                "fields", Map.of("email", "identifier:email", "firstName", "trait:firstName",
                        "marketing", "consent:marketing"),
                "required", List.of("email"), "thankYouUrl", THANKS,
                "labels", Map.of("email", "E-mail", "firstName", "First name", "marketing", MARKETING_LABEL));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String create(TestSources source, Map<String, Object> definition) {
        return as(Roles.ADMIN).contentType(ContentType.JSON).body(definition)
                .post("/v1/sources/" + source.id() + "/forms").then()
                .statusCode(201)
                .extract().path("id");
    }

    @Test
    void formIsCreatedListedReadAndReplacedWithANewVersion() {
        TestSources source = TestSources.create();
        var created = as(Roles.ADMIN).contentType(ContentType.JSON).body(newsletter())
                .post("/v1/sources/" + source.id() + "/forms").then()
                .statusCode(201)
                .body("version", equalTo(1))
                .body("sourceId", equalTo(source.id()))
                .body("honeypotField", equalTo("website"))
                .body("fields.email", equalTo("identifier:email"))
                .extract();
        String id = created.path("id");
        assertEquals(4, UUID.fromString(id).version(), "form ids are random");
        assertTrue(created.header("Location").endsWith("/v1/forms/" + id), created.header("Location"));

        as(Roles.ADMIN).get("/v1/sources/" + source.id() + "/forms").then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(id));

        Map<String, Object> renamed = new HashMap<>(newsletter());
        renamed.put("name", "Newsletter (spring)");
        as(Roles.ADMIN).contentType(ContentType.JSON).body(renamed).put("/v1/forms/" + id).then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("name", equalTo("Newsletter (spring)"));
        as(Roles.ADMIN).get("/v1/forms/" + id).then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("kind", equalTo("newsletter"))
                .body("call", equalTo("identify"));
    }

    /** The label of a consent box is versioned: the same text keeps its version, a new text gets the next. */
    @Test
    void consentLabelsAreVersionedAndHashed() {
        String id = create(TestSources.create(), newsletter());
        as(Roles.ADMIN).get("/v1/forms/" + id).then().statusCode(200)
                .body("consentTexts.marketing.purpose", equalTo("marketing"))
                .body("consentTexts.marketing.version", equalTo(1))
                .body("consentTexts.marketing.sha256", equalTo(sha256(MARKETING_LABEL)));

        Map<String, Object> renamed = new HashMap<>(newsletter());
        renamed.put("name", "Newsletter (spring)");
        as(Roles.ADMIN).contentType(ContentType.JSON).body(renamed).put("/v1/forms/" + id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("consentTexts.marketing.version", equalTo(1));

        String reworded = "J'accepte de recevoir les offres de Maison Test par e-mail.";
        Map<String, Object> relabelled = new HashMap<>(newsletter());
        relabelled.put("labels", Map.of("email", "E-mail", "marketing", reworded));
        as(Roles.ADMIN).contentType(ContentType.JSON).body(relabelled).put("/v1/forms/" + id).then().statusCode(200)
                .body("version", equalTo(3))
                .body("consentTexts.marketing.version", equalTo(2))
                .body("consentTexts.marketing.text", equalTo(reworded))
                .body("consentTexts.marketing.sha256", equalTo(sha256(reworded)));
    }

    @Test
    void consentBoxWithoutItsLabelOrALabelOfNoFieldIsRefused() {
        Map<String, Object> unlabelled = new HashMap<>(newsletter());
        unlabelled.put("labels", Map.of("email", "E-mail", "fax", "Fax"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body(unlabelled)
                .post("/v1/sources/" + TestSources.create().id() + "/forms").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItems("/labels/marketing", "/labels/fax"));
    }

    @Test
    void invalidDefinitionNamesEachBrokenField() {
        TestSources source = TestSources.create();
        Map<String, Object> broken = Map.of("name", " ", "kind", "quiz", "call", "track",
                "fields", Map.of("q1", "answer:skin", "fax", "identifier:fax", "website", "property:site"),
                "required", List.of("nope"), "thankYouUrl", "ftp://shop.example.com/merci");

        as(Roles.ADMIN).contentType(ContentType.JSON).body(broken).post("/v1/sources/" + source.id() + "/forms").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItems("/name", "/event", "/fields/q1", "/fields/fax", "/required/0",
                        "/thankYouUrl", "/honeypotField"));
    }

    @Test
    void kindAndCallMustBeKnownAndTheKindHaveItsIdentifier() {
        TestSources source = TestSources.create();
        Map<String, Object> unknownKind = new HashMap<>(newsletter());
        unknownKind.put("kind", "survey");
        as(Roles.ADMIN).contentType(ContentType.JSON).body(unknownKind).post("/v1/sources/" + source.id() + "/forms").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/kind"));

        for (String call : List.of("teleport", "page")) {
            Map<String, Object> otherCall = new HashMap<>(newsletter());
            otherCall.put("call", call);
            as(Roles.ADMIN).contentType(ContentType.JSON).body(otherCall).post("/v1/sources/" + source.id() + "/forms")
                    .then()
                    .statusCode(400).contentType(PROBLEM_JSON)
                    .body("violations[0].field", equalTo("/call"));
        }

        Map<String, Object> noEmail = new HashMap<>(newsletter());
        noEmail.put("fields", Map.of("firstName", "trait:firstName"));
        noEmail.put("required", List.of());
        as(Roles.ADMIN).contentType(ContentType.JSON).body(noEmail).post("/v1/sources/" + source.id() + "/forms").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("/fields"));
    }

    @Test
    void replacementIsCheckedLikeACreation() {
        String id = create(TestSources.create(), newsletter());
        Map<String, Object> identifyWithEvent = new HashMap<>(newsletter());
        identifyWithEvent.put("event", "Signed Up");
        as(Roles.ADMIN).contentType(ContentType.JSON).body(identifyWithEvent).put("/v1/forms/" + id).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/event"));
        as(Roles.ADMIN).get("/v1/forms/" + id).then().body("version", equalTo(1));
    }

    @Test
    void onlyAdminsManageForms() {
        TestSources source = TestSources.create();
        String id = create(source, newsletter());
        as(Roles.MARKETER).contentType(ContentType.JSON).body(newsletter()).post("/v1/sources/" + source.id() + "/forms")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).get("/v1/sources/" + source.id() + "/forms").then().statusCode(403).contentType(PROBLEM_JSON);
        as(Roles.PRIVACY_OFFICER).get("/v1/forms/" + id).then().statusCode(403).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).contentType(ContentType.JSON).body(newsletter()).put("/v1/forms/" + id)
                .then().statusCode(403).contentType(PROBLEM_JSON);
        RestAssured.get("/v1/forms/" + id).then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void unknownSourceOrFormIsNotFound() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body(newsletter()).post("/v1/sources/" + UUID.randomUUID() + "/forms")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        as(Roles.ADMIN).get("/v1/forms/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
    }
}
