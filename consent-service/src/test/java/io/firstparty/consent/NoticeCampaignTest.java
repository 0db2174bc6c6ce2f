package io.firstparty.consent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.firstparty.consent.campaigns.service.DeliveryQueue;
import io.firstparty.consent.campaigns.service.NoticeReminders;
import io.firstparty.consent.campaigns.service.NoticeSender;
import io.firstparty.consent.TestInbox.Mail;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notice campaigns end to end, against the real broker, database and an SMTP server (GreenMail). */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoticeCampaignTest {

    private static final Duration TRAVEL = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/v1/objections/[A-Za-z0-9_.-]+)");
    private static GreenMail smtp;

    @Inject
    NoticeSender sender;

    @Inject
    DeliveryQueue queue;

    @Inject
    NoticeReminders reminders;

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void startSmtp() {
        smtp = smtpServer();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** Every test leaves no e-mail due behind it, so the next one's senders only see its own. */
    @AfterEach
    void drain() {
        within(TRAVEL, () -> {
            sender.runAs("drain");
            assertEquals(0L, ((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "SELECT count(*) FROM notice_delivery WHERE status IN ('pending', 'sending', 'failed')"
                            + " AND channel <> 'in_app' AND next_attempt_at IS NOT NULL").getSingleResult())).longValue());
        });
    }

    @Test
    void everyoneIsToldOnceByEmailInTheirLanguageWithTwoSendersAndACrash() throws Exception {
        String purpose = legitimateInterest();
        String source = "src-" + UUID.randomUUID();
        Map<String, Identifier> people = new HashMap<>();
        for (String locale : List.of("fr-FR", "fr-BE", "fr", "en-GB", "de-DE", "en-US")) {
            Identifier email = TestPeople.email("notice");
            people.put(person(source, email, locale), email);
        }
        String withoutAddress = person(source, null, "fr-FR");
        String campaign = start(create(purpose, source, in(31)));

        // A replica claims two e-mails and dies before sending them.
        assertEquals(2, queue.claim("replica-that-died", 2).size());
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<NoticeSender.Run>> runs = List.of(replicas.submit(() -> sender.runAs("replica-a")),
                    replicas.submit(() -> sender.runAs("replica-b")));
            int sent = 0;
            for (Future<NoticeSender.Run> run : runs) {
                sent += run.get().sent();
            }
            assertEquals(4, sent, "the two live replicas share what is not claimed, and never the same row");
        } finally {
            replicas.shutdown();
        }
        // Once the dead replica's claims lapse, another replica takes them over.
        within(TRAVEL, () -> {
            sender.runAs("replica-a");
            assertEquals(6, mailsTo(people.values()).size());
        });
        assertEquals(0, sender.runAs("replica-b").sent(), "nothing is sent twice");

        for (Map.Entry<String, Identifier> entry : people.entrySet()) {
            List<MimeMessage> mails = mailsTo(List.of(entry.getValue()));
            assertEquals(1, mails.size(), "exactly one e-mail per person and campaign");
            Mail mail = both(mails.get(0));
            boolean french = language(entry.getKey()).equals("fr");
            assertEquals(french ? "Vos données serviront à entraîner nos modèles d'IA" : "We will use your data to train our AI models",
                    mail.subject());
            assertTrue(mail.text().contains(french ? "VOTRE DROIT DE VOUS OPPOSER" : "YOUR RIGHT TO OBJECT"), mail.text());
            assertTrue(mail.html().contains("id=\"right-to-object\""), mail.html());
            Matcher link = LINK.matcher(mail.text());
            assertTrue(link.find(), "the personal objection link is in the e-mail");
            assertTrue(mail.html().contains(link.group(1)), "the HTML part carries the same link");
            RestAssured.given().get(link.group(1)).then().statusCode(200)
                    .body(containsString("<html lang=\"" + (french ? "fr" : "en") + "\">"));
        }

        String frenchPerson = people.keySet().stream().filter(id -> language(id).equals("fr")).findFirst().orElseThrow();
        String frenchVersion = as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign).then().statusCode(200)
                .extract().path("noticeHash.fr");
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + frenchPerson + "/notices").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].campaignId", equalTo(campaign))
                .body("[0].channel", equalTo("email"))
                .body("[0].outcome", equalTo("sent"))
                .body("[0].noticeHash", equalTo(frenchVersion))
                .body("[0].occurredAt", notNullValue());
        as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("audience", equalTo(7))
                .body("email.sent", equalTo(6))
                .body("email.noAddress", equalTo(1))
                .body("reachedByNeither", equalTo(1));
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + withoutAddress + "/notices").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void anEmailHandedToTheServerByAReplicaThatStoppedIsNeverSentAgain() {
        String purpose = legitimateInterest();
        String source = "src-" + UUID.randomUUID();
        Map<String, Identifier> people = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Identifier email = TestPeople.email("doubt");
            people.put(person(source, email, "en"), email);
        }
        String campaign = start(create(purpose, source, in(31)));

        // A replica claims the three e-mails, hands one to the SMTP server and stops before recording the answer.
        List<DeliveryQueue.Claimed> claimed = queue.claim("replica-that-stopped", 3);
        assertEquals(3, claimed.size());
        String inDoubt = claimed.get(0).profileId();
        assertEquals(1, queue.handOver(claimed.subList(0, 1), Map.of(inDoubt, people.get(inDoubt).value()),
                "replica-that-stopped").size());

        within(TRAVEL, () -> {
            sender.runAs("replica-a");
            assertEquals(2, mailsTo(people.values()).size());
        });
        assertEquals(0, sender.runAs("replica-b").sent(), "the e-mail in doubt is not sent again");
        assertEquals(List.of(), mailsTo(List.of(people.get(inDoubt))), "handed over, never really sent here");
        as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("email.sent", equalTo(2))
                .body("email.unconfirmed", equalTo(1))
                .body("email.pending", equalTo(0));
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + inDoubt + "/notices").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].outcome", equalTo("unconfirmed"))
                .body("[0].detail", containsString("stopped"));
    }

    @Test
    void twoProfilesWithOneAddressGetOneEmail() {
        String purpose = legitimateInterest();
        String source = "src-" + UUID.randomUUID();
        Identifier shared = TestPeople.email("two-profiles");
        person(source, shared, "en");
        person(source, shared, "en");
        String campaign = start(create(purpose, source, in(31)));

        within(TRAVEL, () -> {
            sender.runAs("replica-a");
            assertEquals(1, mailsTo(List.of(shared)).size());
        });
        assertEquals(0, sender.runAs("replica-b").sent());
        assertEquals(1, mailsTo(List.of(shared)).size(), "one e-mail to the address, not one a profile");
        as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("audience", equalTo(2))
                .body("email.sent", equalTo(1))
                .body("email.sameAddress", equalTo(1))
                .body("reachedByNeither", equalTo(0));
    }

    @Test
    void nobodyBeforeTheDateAndNoObjectorAfterIt() {
        String purpose = legitimateInterest();
        String source = "src-" + UUID.randomUUID();
        Identifier objectorEmail = TestPeople.email("objector");
        String objector = person(source, objectorEmail, "en");
        String other = person(source, TestPeople.email("other"), "en");
        Instant startsAt = in(45);
        String campaign = start(create(purpose, source, startsAt));

        PurposeDefined published = TestKafka.<PurposeDefined>await(Topics.CONSENT_PURPOSES, purpose,
                defined -> defined != null && defined.processingStartsAt() != null);
        assertEquals(startsAt, published.processingStartsAt());
        within(TRAVEL, () -> check(purpose, other).body("allowed", equalTo(false))
                .body("reason", equalTo("notice_period"))
                .body("processingStartsAt", equalTo(startsAt.toString())));

        sender.runAs("replica-a");
        String link = linkIn(mailsTo(List.of(objectorEmail)).get(0));
        for (int answer = 0; answer < 2; answer++) {
            RestAssured.given().contentType("application/x-www-form-urlencoded").post(link).then().statusCode(200);
        }
        check(purpose, objector).body("allowed", equalTo(false)).body("reason", equalTo("objected"));

        // The objection names the notice it answers, and its receipt (ISO/IEC TS 27560 fields) is sent once.
        String version = as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign).then().extract().path("noticeHash.en");
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + objector + "/ledger").then().statusCode(200)
                .body("find { it.action == 'object' }.noticeVersion", equalTo(version));
        sender.runAs("replica-b");
        List<Mail> mails = mailsTo(List.of(objectorEmail)).stream().map(NoticeCampaignTest::both).toList();
        assertEquals(2, mails.size(), "the notice and one receipt");
        Mail receipt = mails.stream().filter(mail -> mail.subject().startsWith("Your objection is recorded")).findFirst()
                .orElseThrow();
        for (String field : List.of("Controller: the brand", "Purpose: AI training (" + purpose + ")",
                "Method: email_link / objection_form", "Version of the notice you received: " + version,
                "Objection recorded at: ")) {
            assertTrue(receipt.text().contains(field), receipt.text());
        }
        assertTrue(receipt.html().contains("id=\"receipt\""), receipt.html());

        // The notice period ends.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE purpose SET processing_starts_at = now() - interval '1 second' WHERE code = ?1")
                .setParameter(1, purpose).executeUpdate());
        within(TRAVEL, () -> check(purpose, other).body("allowed", equalTo(true)).body("reason", equalTo("no_objection")));
        check(purpose, objector).body("allowed", equalTo(false)).body("reason", equalTo("objected"));
    }

    @Test
    void aCampaignWithoutSourcesSpeaksToEveryoneKnown() {
        String fromOneBrand = person("src-" + UUID.randomUUID(), TestPeople.email("one"), "fr");
        String fromAnother = person("src-" + UUID.randomUUID(), null, "en");
        String campaign = as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", legitimateInterest(),
                        "subject", texts(), "text", texts(), "processingStartsAt", in(31).toString()))
                .post("/v1/campaigns").then().statusCode(201).body("sourceIds.size()", equalTo(0)).extract().path("id");
        start(campaign);
        for (String person : List.of(fromOneBrand, fromAnother)) {
            as(Roles.BRAND_APP).queryParam("profileId", person).get("/v1/notices/feed").then().statusCode(200)
                    .body("campaignId", hasItem(campaign));
        }
    }

    @Test
    void wrongCampaignsAreRefusedByFieldAndRule() {
        String purpose = legitimateInterest();
        campaign(Map.of("purpose", "email_marketing", "subject", texts(), "text", texts(),
                "processingStartsAt", in(31).toString())).statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/purpose"))
                .body("violations[0].rule", containsString("legitimate-interest"));
        campaign(Map.of("purpose", "no_such_purpose", "subject", texts(), "text", texts(),
                "processingStartsAt", in(31).toString())).statusCode(400)
                .body("violations[0].field", equalTo("/purpose"));
        campaign(Map.of("purpose", purpose, "subject", texts(), "text", texts(),
                "processingStartsAt", in(29).toString())).statusCode(400)
                .body("violations[0].field", equalTo("/processingStartsAt"))
                .body("violations[0].rule", containsString("at least 30 days"));
        campaign(Map.of("purpose", purpose, "subject", texts(), "text", Map.of("en", "Only English"),
                "processingStartsAt", "next month")).statusCode(400)
                .body("violations.field", hasItem("/text/fr"))
                .body("violations.field", hasItem("/processingStartsAt"));

        String id = create(purpose, "src-" + UUID.randomUUID(), in(31));
        start(id);
        as(Roles.PRIVACY_OFFICER).post("/v1/campaigns/" + id + "/start").then().statusCode(409)
                .contentType(PROBLEM_JSON).body("detail", containsString("starts once"));
        as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of()).post("/v1/campaigns").then().statusCode(403);
        as(Roles.BRAND_APP).get("/v1/campaigns").then().statusCode(403);
    }

    /** Last: it stops and starts the tests' SMTP server again. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anSmtpServerDownMidCampaignIsRecordedAndTheCampaignResumes() {
        String source = "src-" + UUID.randomUUID();
        List<Identifier> emails = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Identifier email = TestPeople.email("smtp");
            emails.add(email);
            people.add(person(source, email, "en"));
        }
        String campaign = start(create(legitimateInterest(), source, in(31)));
        smtp.stop();
        try {
            NoticeSender.Run run = sender.runAs("replica-a");
            assertEquals(0, run.sent());
            assertEquals(1, run.failed());
            as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                    .body("email.failed", equalTo(1))
                    .body("email.pending", equalTo(2));
            String failed = people.stream().filter(id -> !as(Roles.PRIVACY_OFFICER).get("/v1/people/" + id + "/notices")
                    .then().extract().jsonPath().getList("$").isEmpty()).findFirst().orElseThrow();
            as(Roles.PRIVACY_OFFICER).get("/v1/people/" + failed + "/notices").then()
                    .body("[0].outcome", equalTo("failed"))
                    .body("[0].detail", containsString("smtp"));
        } finally {
            smtp = smtpServer();
        }
        within(TRAVEL, () -> {
            sender.runAs("replica-b");
            assertEquals(3, mailsTo(emails).size());
        });
        for (Identifier email : emails) {
            assertEquals(1, mailsTo(List.of(email)).size());
        }
    }

    @Test
    void theAppShowsTheNoticeAndEveryDisplayIsRecordedThenOneReminder() {
        String purpose = legitimateInterest();
        String source = "src-" + UUID.randomUUID();
        String reader = person(source, null, "fr-FR");
        String unreached = person(source, null, "en");
        String campaign = start(create(purpose, source, in(31)));
        String version = as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign).then().extract().path("noticeHash.fr");

        String objectionUrl = as(Roles.BRAND_APP).queryParam("profileId", reader).get("/v1/notices/feed").then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].campaignId", equalTo(campaign))
                .body("[0].language", equalTo("fr"))
                .body("[0].subject", equalTo("Vos données serviront à entraîner nos modèles d'IA"))
                .body("[0].noticeVersion", equalTo(version))
                .extract().path("[0].objectionUrl");
        for (int display = 0; display < 2; display++) {
            as(Roles.BRAND_APP).contentType(ContentType.JSON).body(Map.of("profileId", reader))
                    .post("/v1/notices/" + campaign + "/displays").then().statusCode(204);
        }
        as(Roles.BRAND_APP).queryParam("profileId", reader).get("/v1/notices/feed").then()
                .body("[0].displayedAt", notNullValue());
        as(Roles.PRIVACY_OFFICER).get("/v1/people/" + reader + "/notices").then().statusCode(200)
                .body("findAll { it.outcome == 'displayed' && it.channel == 'in_app' }.size()", equalTo(2))
                .body("[0].noticeHash", equalTo(version));
        as(Roles.MARKETER).queryParam("profileId", reader).get("/v1/notices/feed").then().statusCode(403);
        as(Roles.BRAND_APP).contentType(ContentType.JSON).body(Map.of("profileId", TestPeople.newProfileId()))
                .post("/v1/notices/" + campaign + "/displays").then().statusCode(404);

        RestAssured.given().contentType("application/x-www-form-urlencoded")
                .post(objectionUrl.substring(objectionUrl.indexOf("/v1/"))).then().statusCode(200);
        as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .body("inApp.displayed", equalTo(1))
                .body("reachedByNeither", equalTo(1))
                .body("objectionsByDay[0].objections", equalTo(1))
                .body("enforcement.objections", equalTo(1))
                .body("enforcement.medianMillis", notNullValue());

        // The unreached person gives an address later; past the reminder delay they get one reminder.
        Identifier late = TestPeople.email("late");
        resolve(unreached, source, late, "en");
        within(TRAVEL, () -> assertEquals(1, reminders.runAs("reminders-a", Instant.now().plus(15, ChronoUnit.DAYS))
                .reminders()));
        assertEquals(0, reminders.runAs("reminders-a", Instant.now().plus(16, ChronoUnit.DAYS)).reminders());
        sender.runAs("replica-a");
        assertEquals(1, mailsTo(List.of(late)).size());
        as(Roles.PRIVACY_OFFICER).get("/v1/campaigns/" + campaign + "/report").then()
                .body("email.remindersSent", equalTo(1))
                .body("reachedByNeither", equalTo(0));

        // Erasure deletes the address and every notice record of the person.
        TestKafka.send(Topics.PROFILE_CHANGES, new ProfileErased(ProfileErased.CURRENT_VERSION, unreached,
                UUID.randomUUID().toString(), List.of(late.hash()), Instant.now()));
        within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + unreached + "/notices").then().statusCode(404));
        assertEquals(0L, ((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT (SELECT count(*) FROM contact WHERE profile_id = ?1) + (SELECT count(*) FROM notice_event"
                        + " WHERE profile_id = ?1) + (SELECT count(*) FROM notice_delivery WHERE profile_id = ?1)")
                .setParameter(1, unreached).getSingleResult())).longValue());
    }

    private static GreenMail smtpServer() {
        GreenMail server = new GreenMail(new ServerSetup(TestSmtpPort.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** A new legitimate-interest purpose, so that holding it back touches no other test. */
    private static String legitimateInterest() {
        String code = "ai_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("code", code, "name", "AI training",
                        "lawfulBasis", "legitimate_interest",
                        "text", Map.of("en", "Training our models on what you do.", "fr", "Entraîner nos modèles.")))
                .post("/v1/purposes").then().statusCode(201);
        return code;
    }

    private static Map<String, String> texts() {
        return Map.of("en", "We will use your data to train our AI models",
                "fr", "Vos données serviront à entraîner nos modèles d'IA");
    }

    private static ValidatableResponse campaign(Map<String, ?> body) {
        return as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(body).post("/v1/campaigns").then();
    }

    private static String create(String purpose, String source, Instant startsAt) {
        return campaign(Map.of("purpose", purpose, "subject", texts(),
                "text", Map.of("en", "From the date below, what you do on our sites trains our recommendation models.",
                        "fr", "À partir de la date ci-dessous, ce que vous faites sur nos sites entraîne nos modèles."),
                "processingStartsAt", startsAt.toString(), "sourceIds", List.of(source)))
                .statusCode(201).body("status", equalTo("draft")).extract().path("id");
    }

    private static String start(String campaign) {
        as(Roles.PRIVACY_OFFICER).post("/v1/campaigns/" + campaign + "/start").then().statusCode(200)
                .body("status", equalTo("started"))
                .body("noticeHash.en", notNullValue());
        return campaign;
    }

    private static Instant in(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    private static ValidatableResponse check(String purpose, String profileId) {
        return as(Roles.MARKETER).contentType(ContentType.JSON).body(Map.of("purpose", purpose, "profileId", profileId))
                .post("/v1/consents/check").then().statusCode(200);
    }

    private final Map<String, String> languages = new HashMap<>();

    private String language(String profileId) {
        return languages.get(profileId);
    }

    /** A person seen through the source, with an address or none, in the locale their events carry. */
    private String person(String source, Identifier email, String locale) {
        String profileId = TestPeople.newProfileId();
        languages.put(profileId, locale.startsWith("fr") ? "fr" : "en");
        resolve(profileId, source, email, locale);
        within(TRAVEL, () -> as(Roles.PRIVACY_OFFICER).get("/v1/people/" + profileId + "/consents").then().statusCode(200));
        return profileId;
    }

    private static void resolve(String profileId, String source, Identifier email, String locale) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ObjectNode context = JsonNodeFactory.instance.objectNode().put("locale", locale);
        List<Identifier> identifiers = email == null ? List.of() : List.of(email);
        EventAccepted event = new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, source, EventType.IDENTIFY,
                "u-" + profileId, null, null, null, null, null, null, null, context, null, Map.of(), identifiers,
                now, now, now);
        TestKafka.send(Topics.IDENTITIES_RESOLVED, new IdentityResolved(IdentityResolved.CURRENT_VERSION, profileId,
                messageId, identifiers, now, event));
    }

    private static List<MimeMessage> mailsTo(java.util.Collection<Identifier> recipients) {
        List<String> addresses = recipients.stream().map(Identifier::value).toList();
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> addresses.contains(to.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** A notice e-mail, which always has a plain-text and an HTML part. */
    private static Mail both(MimeMessage message) {
        Mail mail = Mail.of(message);
        assertFalse(mail.text() == null || mail.html() == null, "a plain-text and an HTML part");
        return mail;
    }

    private static String linkIn(MimeMessage message) {
        Matcher link = LINK.matcher(both(message).text());
        assertTrue(link.find());
        return link.group(1);
    }
}
