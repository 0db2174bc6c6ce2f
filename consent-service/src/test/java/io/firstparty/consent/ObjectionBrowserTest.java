package io.firstparty.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.consent.campaigns.service.NoticeSender;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.HeadlessChromium;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The objection pages as a person meets them: the link of a real e-mail (sent to the tests' SMTP
 * server) opened in headless Chromium, checked with axe-core against WCAG 2.1 AA, and answered with
 * the one button.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ObjectionBrowserTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);
    private static TestInbox inbox;

    @TestHTTPResource("/")
    URL root;

    @Inject
    NoticeSender sender;

    @BeforeAll
    static void startSmtp() {
        inbox = TestInbox.start();
    }

    @AfterAll
    static void stopSmtp() {
        inbox.close();
    }

    @Test
    void theLinkOfANoticeE_mailOpensAnAccessiblePageWhoseButtonRecordsTheObjectionAndSendsItsReceipt() {
        String purpose = TestPurposes.legitimateInterest();
        String source = "src-" + UUID.randomUUID();
        Identifier email = TestPeople.email("reader");
        String person = TestPeople.newProfileId();
        resolve(person, source, email);
        within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/consents").then().statusCode(200));
        startCampaign(purpose, source);
        within(TRAVEL, () -> {
            sender.runAs("browser-test");
            assertFalse(inbox.to(email.value()).isEmpty(), "the notice e-mail has not arrived yet");
        });
        String link = inbox.to(email.value()).get(0).link();

        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(url(link));
            assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
            assertAccessible(browser, "the objection page");

            browser.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
            assertTrue(browser.findElement(By.id("confirmation")).getText().contains("Your objection is recorded"));
            assertTrue(browser.findElements(By.tagName("form")).isEmpty(), "no second button");
            assertAccessible(browser, "the confirmation");
        } finally {
            browser.quit();
        }

        List<Map<String, Object>> objections = objections(person);
        assertEquals(1, objections.size(), objections.toString());
        assertEquals(purpose, objections.get(0).get("purpose"));
        assertEquals("objection_form", objections.get(0).get("method"));
        within(TRAVEL, () -> {
            sender.runAs("browser-test");
            assertTrue(inbox.to(email.value()).stream().anyMatch(mail -> mail.subject().startsWith("Your objection is recorded")),
                    "the receipt has not arrived yet");
        });
        TestInbox.Mail receipt = inbox.to(email.value()).stream()
                .filter(mail -> mail.subject().startsWith("Your objection is recorded")).findFirst().orElseThrow();
        assertTrue(receipt.text().contains("Record reference: " + objections.get(0).get("id")), receipt.text());
    }

    @Test
    void theObjectByE_mailPagesAreAccessibleAndTheirLinkRecordsTheObjection() {
        String purpose = TestPurposes.legitimateInterest();
        Identifier email = TestPeople.email("visitor");
        String person = TestPeople.newProfileId();
        TestPeople.resolve(person, List.of(email), Map.of(), List.of());
        within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/consents").then().statusCode(200));

        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(url("/v1/objections?purpose=" + purpose));
            assertAccessible(browser, "the object-by-e-mail form");
            assertTrue(browser.findElement(By.id("purpose-" + purpose)).isSelected(), "the purpose asked for is chosen");
            browser.findElement(By.id("email")).sendKeys(email.value());
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("sent")));
            assertAccessible(browser, "the page that says an e-mail is on its way");

            String link = inbox.await(email.value(), "Confirm your objection", TRAVEL).link();
            browser.get(url(link));
            assertAccessible(browser, "the confirmation link's page");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
        } finally {
            browser.quit();
        }
        List<Map<String, Object>> objections = objections(person);
        assertEquals(1, objections.size(), objections.toString());
        assertEquals("objection_by_email", objections.get(0).get("method"));
    }

    @Test
    void axeFindsWhatAPageWithoutLanguageLabelOrTextAlternativeLacks() {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get("data:text/html,<!DOCTYPE html><title>t</title><main><img src='x.png'>"
                    + "<input type='email' name='email'><button type='submit'></button></main>");
            List<String> rules = new java.util.ArrayList<>();
            Axe.violations(browser).forEach(violation -> rules.add(violation.path("id").asText()));
            assertTrue(rules.containsAll(List.of("html-has-lang", "image-alt", "label", "button-name")), rules.toString());
        } finally {
            browser.quit();
        }
    }

    private String url(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static void assertAccessible(ChromeDriver browser, String page) {
        JsonNode violations = Axe.violations(browser);
        if (!violations.isEmpty()) {
            System.out.println("axe-core found WCAG 2.1 AA violations in " + page + ":\n" + Axe.describe(violations));
        }
        assertEquals(0, violations.size(), page + " violates WCAG 2.1 AA:\n" + Axe.describe(violations));
    }

    private static void startCampaign(String purpose, String source) {
        Instant startsAt = Instant.now().plus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String campaign = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", purpose,
                        "subject", Map.of("en", "We will train our models", "fr", "Nous entraînerons nos modèles"),
                        "text", Map.of("en", "From the date below, what you do on our sites trains our models.",
                                "fr", "À partir de la date ci-dessous, ce que vous faites sur nos sites entraîne nos modèles."),
                        "processingStartsAt", startsAt.toString(), "sourceIds", List.of(source)))
                .post("/v1/campaigns").then().statusCode(201).extract().path("id");
        as(Roles.PRIVACY_OFFICER).post("/v1/campaigns/" + campaign + "/start").then().statusCode(200);
    }

    /** A person seen through the source, with an address, in English. */
    private static void resolve(String profileId, String source, Identifier email) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ObjectNode context = JsonNodeFactory.instance.objectNode().put("locale", "en-GB");
        EventAccepted event = new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, source, EventType.IDENTIFY,
                "u-" + profileId, null, null, null, null, null, null, null, context, null, Map.of(), List.of(email),
                now, now, now);
        TestKafka.send(Topics.IDENTITIES_RESOLVED, new IdentityResolved(IdentityResolved.CURRENT_VERSION, profileId,
                messageId, List.of(email), now, event));
    }

    private static List<Map<String, Object>> objections(String person) {
        return as(Roles.PRIVACY_OFFICER).get("/v1/people/" + person + "/ledger").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.action == 'object' }");
    }
}
