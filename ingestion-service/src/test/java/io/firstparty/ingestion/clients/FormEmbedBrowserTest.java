package io.firstparty.ingestion.clients;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.ingestion.StoredEvents;
import io.firstparty.ingestion.TestSources;
import io.firstparty.ingestion.rest.FormResourceTest;
import io.firstparty.kit.testing.HeadlessChromium;
import io.firstparty.kit.testing.LocalSite;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A brand pastes a form's embed snippet into its page; a person fills it in headless Chromium,
 * without any script of the brand's, ticks the consent box by its label and sends it. The stored
 * event carries the consent evidence: the purpose, and the version and hash of the label shown.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class FormEmbedBrowserTest {

    @Inject
    DataSource dataSource;

    @Test
    void embeddedFormIsSubmittedWithItsConsentEvidence() {
        try (LocalSite site = new LocalSite()) {
            TestSources source = TestSources.create(10_000, List.of(site.origin()));
            Map<String, Object> newsletter = new HashMap<>(FormResourceTest.newsletter());
            newsletter.put("thankYouUrl", site.origin() + "/merci");
            String form = FormResourceTest.create(source, newsletter);
            String snippet = RestAssured.get("/v1/forms/" + form + "/embed").then()
                    .statusCode(200).contentType(containsString("text/html"))
                    .extract().asString();
            site.html("/", "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Newsletter</title>"
                            + "</head><body><h1>Newsletter</h1>\n" + snippet + "</body></html>")
                    .html("/merci", "<!doctype html><title>Merci</title><p>Merci !</p>");

            ChromeDriver browser = HeadlessChromium.start();
            try {
                browser.get(site.origin() + "/");
                WebElement consent = browser.findElement(By.name("marketing"));
                assertFalse(consent.isSelected(), "a consent box starts unticked");
                assertEquals(Boolean.TRUE, browser.executeScript(
                        "return [...document.querySelectorAll('form input:not([type=hidden])')]"
                                + ".every(input => input.labels.length > 0 && input.labels[0].textContent.trim() !== '')"),
                        "every input has a label");
                assertEquals("true", browser.findElement(By.name("website"))
                        .findElement(By.xpath("..")).getAttribute("aria-hidden"), "the honeypot is hidden");

                browser.findElement(By.name("email")).sendKeys(" Ada@Example.COM ");
                browser.findElement(By.cssSelector("label[for='" + consent.getAttribute("id") + "']")).click();
                assertTrue(consent.isSelected(), "its label ticks the box");
                browser.findElement(By.cssSelector("button[type=submit]")).click();
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(site.origin() + "/merci"));
            } finally {
                browser.quit();
            }

            JsonNode event = StoredEvents.only(dataSource, source);
            JsonNode evidence = event.path("consentEvidence").path(0);
            assertEquals("marketing", evidence.path("purpose").asText(), event.toString());
            assertTrue(evidence.path("granted").asBoolean(), event.toString());
            assertEquals("1", evidence.path("textVersion").asText());
            assertEquals(FormResourceTest.sha256(FormResourceTest.MARKETING_LABEL), evidence.path("textHash").asText());
        }
    }
}
