package io.firstparty.system.scenario;

import io.firstparty.kit.testing.HeadlessChromium;
import io.firstparty.kit.testing.LocalSite;
import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Http;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One person's journey with a brand, through the four services run as a user runs them: a skin quiz
 * on the brand's page in a real browser on her phone, with her e-mail for the results, a newsletter sign-up with its consent box on a laptop, a
 * loyalty card at a shop kiosk that a hundred other customers use, a purchase at the till. She
 * becomes one profile and nobody else's; a behavioural segment picks her up and explains why; her
 * withdrawal takes her out of its members and export; a notice campaign for AI training reaches her by
 * e-mail and in the brand's app, and she objects through the link in the e-mail she received; her
 * erasure request completes in every
 * service with its completeness report, and a later event with her old e-mail is suppressed.
 * The steps run in order and share what they made.
 */
@Order(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrandJourneyTest {

    private static final Duration RESOLUTION = Duration.ofSeconds(90);
    private static final int STRANGERS = 100;
    private static final int REGULARS = 12;

    private static LocalPlatform platform;
    private static LocalSite site;
    private static Brand brand;
    private static String run;
    private static String email;
    private static String phoneDevice;
    private static String kiosk;
    private static String till;
    private static String card;
    private static String profileId;
    private static String segmentId;
    private static String campaignId;
    private static final Pattern OBJECTION_LINK = Pattern.compile("https?://[^/\\s]+(/v1/objections/[A-Za-z0-9_.-]+)");
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void brandWithForms() {
        platform = LocalPlatform.get();
        site = new LocalSite();
        brand = Brand.create(platform, "Maison Lumière", List.of(site.origin()));
        run = UUID.randomUUID().toString().substring(0, 8);
        email = Sensitive.value("chloe.martin." + run + "@mail.example");
        phoneDevice = "phone-" + run;
        kiosk = "kiosk-lyon-" + run;
        till = "till-lyon-" + run;
        card = Sensitive.value("FR" + run.toUpperCase().replaceAll("[^A-Z0-9]", "7"));
    }

    @AfterAll
    static void closeTheBrandsSite() {
        site.close();
    }

    /**
     * The quiz as the brand pastes it into its page (the embed snippet), on an origin its source
     * allows, filled in and sent by headless Chromium; the page's own script gives the form the
     * device's anonymous id, as the brand's analytics would. Only this submission ties her e-mail to
     * her phone: the profile and segment steps below fail if it produced no event.
     */
    @Test
    @Order(1)
    void sheAnswersTheSkinQuizOnHerPhoneAndGivesHerEmailForTheResults() {
        String quiz = form(Map.of("name", "Skin quiz", "kind", "quiz", "call", "track", "event", "Quiz Completed",
                "fields", Map.of("device", "anonymous_id", "skin", "property:skin_type", "concerns", "property:concerns",
                        "email", "identifier:email"),
                "labels", Map.of("skin", "Your skin type", "concerns", "Your skin concerns",
                        "email", "Your e-mail, for your results"),
                "thankYouUrl", site.origin() + "/quiz/merci"));
        String snippet = RestAssured.get(Service.INGESTION.url() + "/v1/forms/" + quiz + "/embed").then()
                .statusCode(200).contentType(ContentType.HTML).extract().asString();
        site.html("/quiz", "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Diagnostic de peau</title>"
                        + "</head><body><h1>Diagnostic de peau</h1>\n" + snippet
                        + "<script>document.querySelector('.firstparty-form [name=device]').value = '" + phoneDevice
                        + "';</script></body></html>")
                .html("/quiz/merci", "<!doctype html><title>Merci</title><p>Vos résultats arrivent par e-mail.</p>");

        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(site.origin() + "/quiz");
            browser.findElement(By.name("skin")).sendKeys("dry");
            browser.findElement(By.name("concerns")).sendKeys("acne");
            browser.findElement(By.name("email")).sendKeys(" " + email.toUpperCase() + " ");
            browser.findElement(By.cssSelector(".firstparty-form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.urlToBe(site.origin() + "/quiz/merci"));
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(2)
    void sheSignsUpToTheNewsletterOnALaptopTickingTheConsentBox() {
        String newsletter = form(Map.of("name", "Newsletter", "kind", "newsletter", "call", "identify",
                "fields", Map.of("device", "anonymous_id", "email", "identifier:email", "firstName", "trait:firstName",
                        "marketing", "consent:email_marketing"),
                "labels", Map.of("marketing", "Je souhaite recevoir la newsletter de Maison Lumière par e-mail."),
                "thankYouUrl", "https://shop.example.com/newsletter/merci"));
        fromTheBrandsPage().body("device=laptop-" + run + "&email=" + email.replace("@", "%40")
                        + "&firstName=Chlo%C3%A9&marketing=on")
                .post(Service.INGESTION.url() + "/v1/forms/" + newsletter).then().statusCode(303);
    }

    @Test
    @Order(3)
    void sheRegistersALoyaltyCardAtAKioskThatAHundredOthersUse() {
        strangersAtTheKiosk(0, STRANGERS / 2);
        brand.collect().body(Map.of("anonymousId", kiosk, "traits", Map.of("phone", "06 12 34 56 78",
                        "email", email, "loyaltyCard", card.substring(0, 2) + "-" + card.substring(2))))
                .post("/v1/identify").then().statusCode(200);
        strangersAtTheKiosk(STRANGERS / 2, STRANGERS);
    }

    @Test
    @Order(4)
    void sheBuysAtTheTillWithHerCard() {
        brand.collect().body(Map.of("anonymousId", till, "event", "Order Completed",
                        "context", Map.of("traits", Map.of("loyaltyCard", card)),
                        "properties", Map.of("revenue", 59.9, "currency", "EUR")))
                .post("/v1/track").then().statusCode(200);
        regularCustomers();
    }

    @Test
    @Order(5)
    void sheIsOneProfileAndNobodyElses() {
        Http.await("her profile with every identifier", RESOLUTION, () -> {
            var response = as("marketer").queryParam("identifier", "email:" + email).get(Service.PROFILE.url() + "/v1/profiles");
            if (response.statusCode() != 200) {
                return false;
            }
            List<String> keys = identifierKeys(response.jsonPath());
            profileId = response.jsonPath().getString("id");
            return keys.contains("phone:+33612345678") && keys.contains("loyalty_card:" + card)
                    && keys.contains("anonymous_id:" + phoneDevice) && keys.contains("anonymous_id:laptop-" + run);
        }, platform.service(Service.PROFILE));

        JsonPath profile = as("marketer").get(Service.PROFILE.url() + "/v1/profiles/" + profileId).then()
                .statusCode(200).extract().jsonPath();
        List<String> keys = identifierKeys(profile);
        assertTrue(keys.stream().noneMatch(key -> key.contains("stranger")), "a stranger's identifier joined her: " + keys);
        assertTrue(keys.size() <= 8, "her profile holds " + keys.size() + " identifiers");
        assertEquals("Chloé", profile.getString("traits.firstName.value"));
        List<Map<String, Object>> quizzes = as("marketer").get(Service.PROFILE.url() + "/v1/profiles/" + profileId + "/events")
                .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.name == 'Quiz Completed' }.event");
        assertEquals(1, quizzes.size(), "her timeline holds the quiz she sent from the brand's page: " + quizzes);
        assertEquals(Map.of("skin_type", "dry", "concerns", "acne"), quizzes.get(0).get("properties"));

        for (int stranger : List.of(0, STRANGERS / 2 - 1, STRANGERS / 2, STRANGERS - 1)) {
            String strangersProfile = awaitProfile("email:" + strangerEmail(stranger));
            assertNotEquals(profileId, strangersProfile, "a customer of the same kiosk was fused with her");
        }
    }

    @Test
    @Order(6)
    void aBehaviouralSegmentPicksHerUpAndExplainsWhy() {
        segmentId = as("marketer").contentType(ContentType.JSON).body(Map.of(
                        "name", "Quiz then purchase " + run, "description", "Completed the skin quiz and bought within 30 days",
                        "purpose", "email_marketing", "owner", "crm-team", "significant", false,
                        "rule", Map.of("all", List.of(
                                Map.of("event", Map.of("name", "Quiz Completed", "within", "P30D")),
                                Map.of("event", Map.of("name", "Order Completed", "within", "P30D"))))))
                .post(Service.SEGMENT.url() + "/v1/segments").then().statusCode(201).extract().path("segment.id");

        Http.await("her listed membership", RESOLUTION, () -> eventually(() -> explanation().getBoolean("listed")),
                platform.service(Service.SEGMENT));
        JsonPath why = explanation();
        assertTrue(why.getBoolean("member"));
        assertTrue(why.getBoolean("rule.holds"));
        assertEquals(2, why.getList("rule.conditions").size());
        assertFalse(why.getList("rule.conditions[0].matchedEventIds").isEmpty(), "the quiz event is named");
        assertFalse(why.getList("rule.conditions[1].matchedEventIds").isEmpty(), "the purchase is named");
        assertTrue(why.getString("consent.evidenceId") != null, "the consent verdict names its ledger record");
        assertTrue(members().contains(profileId));
        // The export needs ten listed people: the regular customers' consent may still be on its way.
        Http.await("an export of the audience with her in it", RESOLUTION,
                () -> eventually(() -> export().contains(profileId)), platform.service(Service.SEGMENT));
    }

    @Test
    @Order(7)
    void herWithdrawalTakesHerOutOfTheMembersAndTheExport() {
        Instant asked = Instant.now();
        as("privacy").contentType(ContentType.JSON).body(Map.of("choices", Map.of("email_marketing", false)))
                .put(Service.CONSENT.url() + "/v1/people/" + profileId + "/consents").then().statusCode(200);
        Instant answered = Instant.now();
        Http.await("her leaving the members", Duration.ofSeconds(30), () -> !members().contains(profileId),
                platform.service(Service.SEGMENT));
        long millis = Duration.between(answered, Instant.now()).toMillis();
        System.out.printf("withdrawal: consent API answered in %d ms; absent from the members %d ms later%n",
                Duration.between(asked, answered).toMillis(), millis);
        assertFalse(export().contains(profileId), "she is still in the export");
        assertFalse(explanation().getBoolean("listed"));
        assertEquals("withdrawn", explanation().getString("consent.status"));
    }

    @Test
    @Order(8)
    void aNoticeCampaignForAiTrainingReachesHerByEmailAndInApp() {
        campaignId = as("privacy").contentType(ContentType.JSON).body(Map.of("purpose", "ai_training",
                        "subject", Map.of("en", "From next month, what you do on our sites trains our AI models",
                                "fr", "Le mois prochain, ce que vous faites sur nos sites entraînera nos modèles d'IA"),
                        "text", Map.of("en", "From the date below, your quiz answers and purchases train our recommendation models.",
                                "fr", "À partir de la date ci-dessous, vos réponses au quiz et vos achats entraînent nos modèles."),
                        "processingStartsAt", Instant.now().plus(Duration.ofDays(31)).truncatedTo(ChronoUnit.SECONDS).toString(),
                        "sourceIds", List.of(brand.sourceId())))
                .post(Service.CONSENT.url() + "/v1/campaigns").then().statusCode(201).extract().path("id");
        as("privacy").post(Service.CONSENT.url() + "/v1/campaigns/" + campaignId + "/start").then().statusCode(200);

        Http.await("the notice in her mailbox", RESOLUTION, () -> !mailbox(email).isEmpty(), platform.service(Service.CONSENT));
        List<String> notices = mailbox(email);
        assertEquals(1, notices.size(), "she gets one notice e-mail");
        assertTrue(notices.get(0).contains("ai_training") || notices.get(0).toLowerCase().contains("object"),
                "the notice states the right to object");
        as("app").queryParam("profileId", profileId).get(Service.CONSENT.url() + "/v1/notices/feed")
                .then().statusCode(200).body("campaignId", org.hamcrest.Matchers.hasItem(campaignId));
        as("marketer").contentType(ContentType.JSON).body(Map.of("purpose", "ai_training", "profileId", profileId))
                .post(Service.CONSENT.url() + "/v1/consents/check").then().statusCode(200)
                .body("allowed", org.hamcrest.Matchers.equalTo(false))
                .body("reason", org.hamcrest.Matchers.equalTo("notice_period"));
    }

    @Test
    @Order(9)
    void sheObjectsThroughTheLinkInTheEmailSheReceived() {
        Matcher link = OBJECTION_LINK.matcher(mailbox(email).get(0));
        assertTrue(link.find(), "the notice carries her personal objection link");
        String page = RestAssured.given().get(Service.CONSENT.url() + link.group(1)).then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();
        assertTrue(page.contains("<form"), "the objection page is a plain form");
        fromTheBrandsPage().post(Service.CONSENT.url() + link.group(1)).then().statusCode(200);

        as("marketer").contentType(ContentType.JSON).body(Map.of("purpose", "ai_training", "profileId", profileId))
                .post(Service.CONSENT.url() + "/v1/consents/check").then().statusCode(200)
                .body("allowed", org.hamcrest.Matchers.equalTo(false))
                .body("reason", org.hamcrest.Matchers.equalTo("objected"));
        Http.await("the receipt of her objection", RESOLUTION, () -> mailbox(email).size() == 2,
                platform.service(Service.CONSENT));
        as("privacy").get(Service.CONSENT.url() + "/v1/campaigns/" + campaignId + "/report").then().statusCode(200);
    }

    @Test
    @Order(10)
    void herErasureRequestCompletesInEveryServiceWithItsReport() {
        String request = as("privacy").contentType(ContentType.JSON).body(Map.of("identifier", "email:" + email))
                .post(Service.CONSENT.url() + "/v1/erasure-requests").then().statusCode(202).extract().path("id");

        Http.await("the erasure request to complete", RESOLUTION, () -> "complete".equals(erasure(request).getString("status")),
                platform.service(Service.CONSENT));
        JsonPath report = erasure(request);
        assertEquals(Set.of("profile-service", "segment-service", "consent-service"),
                Set.copyOf(report.getList("services.service")), report.prettify());
        assertTrue(report.getList("services.outcome").stream().allMatch("erased"::equals), report.prettify());
        assertTrue(Instant.parse(report.getString("dueAt")).isAfter(Instant.now().plus(Duration.ofDays(27))));
        as("marketer").queryParam("identifier", "email:" + email).get(Service.PROFILE.url() + "/v1/profiles")
                .then().statusCode(404);
        Http.await("her history to be gone from the segment service", Duration.ofSeconds(30), () -> {
            var answer = as("marketer").get(Service.SEGMENT.url() + "/v1/segments/" + segmentId + "/members/" + profileId);
            return answer.statusCode() == 404 || answer.statusCode() == 200 && !answer.jsonPath().getBoolean("member");
        }, platform.service(Service.SEGMENT));
    }

    @Test
    @Order(11)
    void aLaterEventWithHerOldEmailIsSuppressedAndCounted() {
        double before = suppressedEvents();
        Http.await("her old e-mail to be suppressed at the door", RESOLUTION, () -> {
            brand.collect().body(Map.of("anonymousId", "tablet-" + run, "traits", Map.of("email", email)))
                    .post("/v1/identify").then().statusCode(200);
            return suppressedEvents() > before;
        }, platform.service(Service.INGESTION));
        as("marketer").queryParam("identifier", "email:" + email).get(Service.PROFILE.url() + "/v1/profiles")
                .then().statusCode(404);
    }

    // --- the brand's other customers ---------------------------------------------------------

    private static String strangerEmail(int i) {
        return "stranger" + i + "." + run + "@people.example";
    }

    /** Customers who share the kiosk and the till with her, each with their own e-mail, phone and card. */
    private void strangersAtTheKiosk(int from, int to) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String strangerCard = "ST" + run.toUpperCase().replaceAll("[^A-Z0-9]", "7") + i;
            batch.add(Map.of("type", "identify", "anonymousId", kiosk, "traits", Map.of(
                    "email", strangerEmail(i), "phone", String.format("+33 6 %02d %02d 45 67", 10 + i % 90, 10 + i / 90),
                    "loyaltyCard", strangerCard)));
            batch.add(Map.of("type", "track", "anonymousId", till, "event", "Order Completed",
                    "context", Map.of("traits", Map.of("loyaltyCard", strangerCard)),
                    "properties", Map.of("revenue", 20 + i, "currency", "EUR")));
        }
        brand.collect().body(Map.of("batch", batch)).post("/v1/batch").then().statusCode(200);
    }

    /** Known customers who did the quiz, bought, and agreed to the newsletter: the audience she is part of. */
    private void regularCustomers() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < REGULARS; i++) {
            String user = "regular-" + run + "-" + i;
            batch.add(Map.of("type", "identify", "userId", user, "traits", Map.of("email", user + "@people.example"),
                    "context", Map.of("consent", Map.of("categoryPreferences", Map.of("email_marketing", true)))));
            batch.add(Map.of("type", "track", "userId", user, "event", "Quiz Completed",
                    "properties", Map.of("skin_type", "oily")));
            batch.add(Map.of("type", "track", "userId", user, "event", "Order Completed",
                    "properties", Map.of("revenue", 35, "currency", "EUR")));
        }
        brand.collect().body(Map.of("batch", batch)).post("/v1/batch").then().statusCode(200);
    }

    // --- helpers -----------------------------------------------------------------------------

    /** A request with the demo user's real token (fetched once per user: they live 15 minutes). */
    private static RequestSpecification as(String demoUser) {
        String token = TOKENS.computeIfAbsent(demoUser, user -> Sensitive.value(platform.keycloak().token(user)));
        return RestAssured.given().auth().oauth2(token);
    }

    /** A condition that is simply not true yet while the service answers 404 for what it does not know yet. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /** A browser without JavaScript posting a form from the brand's UTF-8 page: no charset in the header, as browsers do. */
    private static RequestSpecification fromTheBrandsPage() {
        return RestAssured.given().config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .redirects().follow(false).contentType(ContentType.URLENC).header("Origin", Brand.ORIGIN);
    }

    private static String form(Map<String, Object> definition) {
        return as("admin").contentType(ContentType.JSON).body(definition)
                .post(Service.INGESTION.url() + "/v1/sources/" + brand.sourceId() + "/forms")
                .then().statusCode(201).extract().path("id");
    }

    private static List<String> identifierKeys(JsonPath profile) {
        List<Map<String, String>> identifiers = profile.getList("identifiers");
        return identifiers.stream().map(identifier -> identifier.get("type") + ":" + identifier.get("value")).toList();
    }

    private static String awaitProfile(String identifier) {
        String[] found = new String[1];
        Http.await("the profile of a kiosk customer", RESOLUTION, () -> {
            var response = as("marketer").queryParam("identifier", identifier).get(Service.PROFILE.url() + "/v1/profiles");
            found[0] = response.statusCode() == 200 ? response.jsonPath().getString("id") : null;
            return found[0] != null;
        }, platform.service(Service.PROFILE));
        return found[0];
    }

    /** The e-mails the local SMTP server received for an address, as sent (quoted-printable soft breaks undone). */
    private static List<String> mailbox(String address) {
        var answer = RestAssured.get(platform.mailApi() + "/api/user/" + address + "/messages/INBOX");
        if (answer.statusCode() == 404 || answer.statusCode() == 400) {
            return List.of();
        }
        List<String> raw = answer.then().statusCode(200).extract().jsonPath().getList("mimeMessage");
        return raw.stream().map(mime -> mime.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")).toList();
    }

    private static JsonPath erasure(String request) {
        return as("privacy").get(Service.CONSENT.url() + "/v1/erasure-requests/" + request)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Events ingestion dropped because they identify an erased person, from its Prometheus metrics. */
    private static double suppressedEvents() {
        return RestAssured.get(Service.INGESTION.url() + "/q/metrics").then().statusCode(200).extract().asString()
                .lines().filter(line -> line.startsWith("firstparty_events_suppressed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static JsonPath explanation() {
        return as("marketer").get(Service.SEGMENT.url() + "/v1/segments/" + segmentId + "/members/" + profileId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> members() {
        return as("marketer").get(Service.SEGMENT.url() + "/v1/segments/" + segmentId + "/members")
                .then().statusCode(200).extract().jsonPath().getList("members.profileId");
    }

    private static String export() {
        return as("marketer").queryParam("format", "ndjson")
                .get(Service.SEGMENT.url() + "/v1/segments/" + segmentId + "/export")
                .then().statusCode(200).extract().asString();
    }
}
