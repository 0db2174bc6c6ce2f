package io.firstparty.segment.membership;

import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.PurposeDecision;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.kit.security.Roles;
import io.firstparty.segment.TestSegments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.segment.TestStreams.consent;
import static io.firstparty.segment.TestStreams.json;
import static io.firstparty.segment.TestStreams.publish;
import static io.firstparty.segment.TestStreams.track;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nobody is listed, counted or exported without the consent state the purpose needs; exports and approvals. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ConsentAndExportTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void onlyConsentThatAllowsThePurposeLists() {
        String order = TestSegments.unique("Order Completed");
        String granted = "p-" + UUID.randomUUID();
        String none = "p-" + UUID.randomUUID();
        String denied = "p-" + UUID.randomUUID();
        String expired = "p-" + UUID.randomUUID();
        String objected = "p-" + UUID.randomUUID();
        consent(granted, "personalization", ConsentStatus.GRANTED, "ev-1");
        consent(denied, "personalization", ConsentStatus.DENIED, "ev-2");
        consent(expired, Map.of("personalization", new PurposeDecision(ConsentStatus.GRANTED, Instant.now().minusSeconds(7200),
                Instant.now().minusSeconds(60), "ev-3")));
        consent(objected, "analytics", ConsentStatus.OBJECTED, "ev-4");
        for (String id : List.of(granted, none, denied, expired, objected)) {
            publish(track(id, order, Instant.now(), null, null));
        }
        UUID consentBased = TestSegments.create("Buyers", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        UUID legitimateInterest = TestSegments.create("Buyers for analytics", "analytics",
                "{\"event\": {\"name\": \"" + order + "\"}}");

        within(WAIT, () -> members(consentBased).body("members.profileId", containsInAnyOrder(granted)));
        within(WAIT, () -> members(legitimateInterest).body("members.profileId",
                containsInAnyOrder(granted, none, denied, expired)));
        as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", consentBased, none).then()
                .body("member", equalTo(true))
                .body("listed", equalTo(false))
                .body("consent.allowed", equalTo(false))
                .body("consent.reason", containsString("no consent is on record"));
        as(Roles.MARKETER).get("/v1/profiles/{profile}/segments", none).then()
                .body("segmentId", containsInAnyOrder(legitimateInterest.toString()));
        as(Roles.PRIVACY_OFFICER).get("/v1/profiles/{profile}/segments", none).then()
                .body("segmentId", containsInAnyOrder(legitimateInterest.toString(), consentBased.toString()));

        consent(granted, "personalization", ConsentStatus.WITHDRAWN, "ev-5");
        within(WAIT, () -> members(consentBased).body("members", hasSize(0)));
    }

    @Test
    void aSignificantSegmentWaitsForAPrivacyOfficer() {
        String order = TestSegments.unique("Order Completed");
        String buyer = "p-" + UUID.randomUUID();
        consent(buyer, "personalization", ConsentStatus.GRANTED, "ev-1");
        publish(track(buyer, order, Instant.now(), null, null));
        UUID segment = TestSegments.create("Credit-worthy buyers", "personalization",
                "{\"event\": {\"name\": \"" + order + "\"}}", true);

        as(Roles.MARKETER).get("/v1/segments/{id}/members", segment).then()
                .statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("privacy officer"));
        as(Roles.MARKETER).get("/v1/segments/{id}/export", segment).then().statusCode(409).contentType(PROBLEM_JSON);
        as(Roles.MARKETER).contentType(ContentType.JSON).body("{}").post("/v1/segments/{id}/approvals", segment).then()
                .statusCode(403);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body("{\"note\": \"reviewed the rule\"}")
                .post("/v1/segments/{id}/approvals", segment).then()
                .statusCode(200).body("approvalPending", equalTo(false));

        within(WAIT, () -> members(segment).body("members.profileId", containsInAnyOrder(buyer)));
        as(Roles.MARKETER).contentType(ContentType.JSON).body("{\"event\": {\"name\": \"" + order + "\", \"within\": \"P7D\"}}")
                .put("/v1/segments/{id}/rule", segment).then()
                .statusCode(200).body("segment.currentVersion", equalTo(2)).body("segment.approvalPending", equalTo(true));
        as(Roles.MARKETER).get("/v1/segments/{id}/members", segment).then().statusCode(409);
    }

    @Test
    void exportsNeedTenPeopleAndHashEmailsOnRequest() throws Exception {
        String order = TestSegments.unique("Order Completed");
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "p-" + i + "-" + UUID.randomUUID();
            buyers.add(id);
            consent(id, "email_marketing", ConsentStatus.GRANTED, "ev-" + i);
            publish(new TraitsChanged(TraitsChanged.CURRENT_VERSION, id, Map.of("email", json("\" Buyer" + i + "@Example.com\""),
                    "first_name", json("\"Ann, \\\"A\\\"\"")), "src", "m-" + id, Instant.now()));
            publish(track(id, order, Instant.now(), "{\"revenue\": 25}", null));
        }
        UUID few = TestSegments.create("Buyer zero", "email_marketing",
                "{\"all\": [{\"event\": {\"name\": \"" + order + "\"}}, {\"trait\": {\"path\": \"email\", \"contains\": \"Buyer0@\"}}]}");
        UUID all = TestSegments.create("All buyers", "email_marketing", "{\"event\": {\"name\": \"" + order + "\"}}");
        within(WAIT, () -> members(all).body("members", hasSize(12)));
        within(WAIT, () -> members(few).body("members", hasSize(1)));

        as(Roles.MARKETER).get("/v1/segments/{id}/export", few).then()
                .statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("at least 10"));
        String csv = as(Roles.MARKETER).queryParam("traits", "email,first_name").queryParam("hashEmails", true)
                .get("/v1/segments/{id}/export", all).then()
                .statusCode(200).contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(13, lines.length, csv);
        assertEquals("\"profile_id\",\"email\",\"first_name\"", lines[0]);
        String zero = buyers.get(0);
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("buyer0@example.com".getBytes(StandardCharsets.UTF_8)));
        assertTrue(csv.contains("\"" + zero + "\",\"" + expectedHash + "\",\"Ann, \"\"A\"\"\""), csv);

        String ndjson = as(Roles.MARKETER).queryParam("format", "ndjson").queryParam("traits", "email")
                .get("/v1/segments/{id}/export", all).then()
                .statusCode(200).contentType("application/x-ndjson").extract().asString();
        assertEquals(12, ndjson.lines().count());
        assertTrue(ndjson.contains("\" Buyer0@Example.com\""), ndjson);

        as(Roles.MARKETER).get("/v1/segments/{id}/insights", all).then()
                .statusCode(200).body("size", equalTo(12)).body("buyers", equalTo(0));
    }

    /**
     * Withdrawals hammer a segment while it is exported again and again: no export may carry a person
     * whose withdrawal was acknowledged (taken by the consent topic, as the consent service does
     * before it answers) before that export began.
     */
    @Test
    void noExportCarriesAPersonWhoWithdrewBeforeItBegan() throws Exception {
        String order = TestSegments.unique("Order Completed");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = "p-" + i + "-" + UUID.randomUUID();
            people.add(id);
            consent(id, "email_marketing", ConsentStatus.GRANTED, "ev-" + i);
            publish(track(id, order, Instant.now(), null, null));
        }
        UUID segment = TestSegments.create("Newsletter buyers", "email_marketing", "{\"event\": {\"name\": \"" + order + "\"}}");
        within(WAIT, () -> as(Roles.MARKETER).queryParam("limit", 200).get("/v1/segments/{id}/members", segment).then()
                .statusCode(200).body("members", hasSize(120)));

        Map<String, Long> withdrawnAt = new ConcurrentHashMap<>();
        List<String> withdrawing = new ArrayList<>(people.subList(0, 100));
        Collections.shuffle(withdrawing);
        Thread withdrawals = new Thread(() -> {
            for (String id : withdrawing) {
                consent(id, "email_marketing", ConsentStatus.WITHDRAWN, "ev-w-" + id);
                withdrawnAt.put(id, System.nanoTime());
            }
        });
        withdrawals.start();
        int exports = 0;
        Set<Integer> sizes = new HashSet<>();
        List<String> leaks = new ArrayList<>();
        while (withdrawals.isAlive() || exports == 0) {
            long began = System.nanoTime();
            List<String> lines = as(Roles.MARKETER).get("/v1/segments/{id}/export", segment).then()
                    .statusCode(200).extract().asString().lines().skip(1).toList();
            exports++;
            sizes.add(lines.size());
            for (String line : lines) {
                String id = line.substring(1, line.indexOf('"', 1));
                Long withdrawn = withdrawnAt.get(id);
                if (withdrawn != null && withdrawn < began) {
                    leaks.add(id);
                }
            }
        }
        withdrawals.join();

        assertEquals(List.of(), leaks, "people exported after their withdrawal was acknowledged");
        assertTrue(sizes.size() > 2, "the exports ran while the withdrawals went on: sizes " + sizes + " in " + exports + " exports");
        List<String> last = as(Roles.MARKETER).get("/v1/segments/{id}/export", segment).then()
                .statusCode(200).extract().asString().lines().skip(1).toList();
        assertEquals(20, last.size());
    }

    @Test
    void membersComeInPagesAndForgedCursorsAreRefused() {
        String order = TestSegments.unique("Order Completed");
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "p-" + UUID.randomUUID();
            buyers.add(id);
            consent(id, "personalization", ConsentStatus.GRANTED, "ev-" + i);
            publish(track(id, order, Instant.now(), null, null));
        }
        UUID segment = TestSegments.create("Buyers", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        UUID other = TestSegments.create("Other buyers", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        within(WAIT, () -> members(segment).body("members", hasSize(7)));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(Roles.MARKETER).queryParam("limit", 3).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/segments/{id}/members", segment).then().statusCode(200).extract();
            seen.addAll(page.path("members.profileId"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(new HashSet<>(buyers), new HashSet<>(seen));
        assertEquals(7, seen.size());

        String firstCursor = as(Roles.MARKETER).queryParam("limit", 3).get("/v1/segments/{id}/members", segment)
                .then().extract().path("nextCursor");
        for (String forged : List.of("not-a-cursor!", "bTF8eHx5", firstCursor)) {
            as(Roles.MARKETER).queryParam("cursor", forged).get("/v1/segments/{id}/members", other).then()
                    .statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("cursor"));
        }
        as(Roles.MARKETER).queryParam("limit", 0).get("/v1/segments/{id}/members", segment).then()
                .statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    private static io.restassured.response.ValidatableResponse members(UUID segment) {
        return as(Roles.MARKETER).get("/v1/segments/{id}/members", segment).then().statusCode(200);
    }
}
