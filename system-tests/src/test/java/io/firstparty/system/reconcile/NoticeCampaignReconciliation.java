package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Http;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.firstparty.system.platform.SteadyLoad;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.system.reconcile.ArchiveReconciliation.report;

/**
 * A notice campaign for AI training to one brand's people, started while the load runs (the fault test
 * starts it just before consent-service is killed; otherwise it starts once the load is over). Nobody
 * may have two of its e-mails in the SMTP server's mailboxes; every e-mail the campaign's report counts
 * sent was received, and none was received that the report counts neither sent nor in doubt.
 */
public final class NoticeCampaignReconciliation implements Reconciliation {

    private final LocalPlatform platform;
    private final Brand brand;
    private final String marker = "notice " + UUID.randomUUID();
    private String campaignId;

    public NoticeCampaignReconciliation(LocalPlatform platform, Brand brand) {
        this.platform = platform;
        this.brand = brand;
    }

    @Override
    public String name() {
        return "notice e-mails";
    }

    /**
     * Starts the campaign and returns once its first e-mails are in the mailboxes while others are still
     * to send: the moment to kill a sender.
     */
    public void startAndAwaitFirstEmails() {
        start();
        Http.await("the campaign's first e-mails", Duration.ofMinutes(2), () -> !mailboxes().isEmpty(),
                platform.service(Service.CONSENT));
        long pending = campaignReport().getLong("email.pending");
        if (pending == 0) {
            throw new IllegalStateException("the campaign was sent before the kill: the kill would prove nothing");
        }
        System.out.printf("notice e-mails: %d people have one, %d e-mails still to send%n", mailboxes().size(), pending);
    }

    @Override
    public void awaitCaughtUp(Ledger ledger, Duration timeout) {
        if (campaignId == null) {
            start();
        }
        // A claim of a replica that was killed lapses after its lease (2 minutes) before the rest goes out.
        Tables.await(timeout, () -> {
            JsonPath report = campaignReport();
            return report.getLong("email.pending") == 0 && report.getLong("email.sent") > 0;
        });
    }

    @Override
    public List<String> discrepancies(Ledger ledger) {
        if (campaignId == null) {
            return List.of("the campaign never started");
        }
        JsonPath report = campaignReport();
        long sent = report.getLong("email.sent");
        long inDoubt = report.getLong("email.unconfirmed");
        List<String> received = mailboxes();
        List<String> twice = new ArrayList<>();
        long emails = 0;
        for (String address : received) {
            long notices = noticesIn(address);
            emails += notices;
            if (notices > 1) {
                twice.add(address);
            }
        }
        List<String> found = new ArrayList<>();
        report(found, "people with two e-mails of the campaign", twice);
        if (received.size() < sent) {
            found.add(sent + " e-mails counted sent, only " + received.size() + " people received one");
        }
        if (received.size() > sent + inDoubt) {
            found.add(received.size() + " people received an e-mail, only " + sent + " sent and " + inDoubt
                    + " in doubt are counted");
        }
        if (report.getLong("email.pending") > 0) {
            found.add(report.getLong("email.pending") + " e-mails still to send");
        }
        System.out.printf("notice e-mails: audience %d; counted sent %d, in doubt %d, failed %d, without address %d;"
                        + " %d e-mails received by %d people, %d people with two%n", report.getLong("audience"), sent,
                inDoubt, report.getLong("email.failed"), report.getLong("email.noAddress"), emails, received.size(),
                twice.size());
        return found;
    }

    private void start() {
        campaignId = asPrivacyOfficer().contentType(ContentType.JSON).body(Map.of("purpose", "ai_training",
                        "subject", Map.of("en", "Our AI models, " + marker, "fr", "Nos modèles d'IA, " + marker),
                        "text", Map.of("en", "From the date below, what you do on our sites trains our models.",
                                "fr", "À partir de la date ci-dessous, ce que vous faites sur nos sites entraîne nos modèles."),
                        "processingStartsAt", Instant.now().plus(Duration.ofDays(31)).truncatedTo(ChronoUnit.SECONDS).toString(),
                        "sourceIds", List.of(brand.sourceId())))
                .post(Service.CONSENT.url() + "/v1/campaigns").then().statusCode(201).extract().path("id");
        asPrivacyOfficer().post(Service.CONSENT.url() + "/v1/campaigns/" + campaignId + "/start").then().statusCode(200);
    }

    private JsonPath campaignReport() {
        return asPrivacyOfficer().get(Service.CONSENT.url() + "/v1/campaigns/" + campaignId + "/report")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The addresses of the brand's people that have a mailbox: the SMTP server opens one on a first e-mail. */
    private List<String> mailboxes() {
        String domain = SteadyLoad.emailOf(brand, "").substring(1);
        List<String> users = RestAssured.get(platform.mailApi() + "/api/user").then().statusCode(200)
                .extract().jsonPath().getList("email");
        return users.stream().filter(address -> address != null && address.endsWith("@" + domain)).toList();
    }

    private long noticesIn(String address) {
        List<String> subjects = RestAssured.get(platform.mailApi() + "/api/user/" + address + "/messages/INBOX")
                .then().statusCode(200).extract().jsonPath().getList("subject");
        return subjects.stream().filter(subject -> subject != null && subject.contains(marker)).count();
    }

    private RequestSpecification asPrivacyOfficer() {
        return RestAssured.given().auth().oauth2(Sensitive.value(platform.keycloak().token("privacy")));
    }
}
