package io.firstparty.segment.membership;

import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.SegmentEntered;
import io.firstparty.contracts.events.SegmentMembershipChange;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.kit.security.Roles;
import io.firstparty.segment.TestSegments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.segment.TestStreams.consent;
import static io.firstparty.segment.TestStreams.json;
import static io.firstparty.segment.TestStreams.membershipChanges;
import static io.firstparty.segment.TestStreams.publish;
import static io.firstparty.segment.TestStreams.track;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four audiences of the issue, from published resolved events to listed members, each with its
 * explanation. Every person consents to the segment's purpose unless the test says otherwise.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AudiencesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ZoneId BRAND = ZoneId.of("Europe/Paris");

    private static String person(String purpose) {
        String id = "p-" + UUID.randomUUID();
        consent(id, purpose, ConsentStatus.GRANTED, "ev-" + id);
        return id;
    }

    @Test
    void skinQuizTwiceInThirtyDaysAnsweringDrySkin() {
        String quiz = TestSegments.unique("Quiz Completed");
        Instant now = Instant.now();
        String both = person("personalization");
        String once = person("personalization");
        String oily = person("personalization");
        String stale = person("personalization");
        String dry = "{\"quiz\": \"skin\", \"answers\": {\"skin_type\": \"dry\"}}";
        String oilyAnswer = "{\"quiz\": \"skin\", \"answers\": {\"skin_type\": \"oily\"}}";
        publish(track(both, "m-" + both + "-1", quiz, now.minus(Duration.ofDays(3)), dry, null));
        publish(track(both, "m-" + both + "-2", quiz, now.minus(Duration.ofDays(20)), oilyAnswer, null));
        publish(track(once, quiz, now.minus(Duration.ofDays(2)), dry, null));
        publish(track(oily, quiz, now.minus(Duration.ofDays(2)), oilyAnswer, null));
        publish(track(oily, quiz, now.minus(Duration.ofDays(4)), oilyAnswer, null));
        publish(track(stale, quiz, now.minus(Duration.ofDays(40)), dry, null));
        publish(track(stale, quiz, now.minus(Duration.ofDays(2)), dry, null));

        UUID segment = TestSegments.create("Dry skin quiz twice", "personalization", """
                {"all": [
                  {"event": {"name": "%1$s", "where": [{"path": "properties.quiz", "equals": "skin"}],
                             "within": "P30D", "count": {"gte": 2}}},
                  {"event": {"name": "%1$s", "where": [{"path": "properties.answers.skin_type", "equals": "dry"}],
                             "within": "P30D"}}
                ]}""".formatted(quiz));

        within(WAIT, () -> members(segment).body("members.profileId", containsInAnyOrder(both)));
        as(Roles.PRIVACY_OFFICER).get("/v1/segments/{id}/members/{profile}", segment, both).then()
                .statusCode(200)
                .body("member", equalTo(true))
                .body("listed", equalTo(true))
                .body("ruleVersion", equalTo(1))
                .body("rule.kind", equalTo("all"))
                .body("rule.conditions[0].pointer", equalTo("/rule/all/0/event"))
                .body("rule.conditions[0].count", equalTo(2))
                .body("rule.conditions[0].holds", equalTo(true))
                .body("rule.conditions[0].matchedEventIds", contains("m-" + both + "-1", "m-" + both + "-2"))
                .body("rule.conditions[0].windowFrom", not(equalTo(null)))
                .body("rule.conditions[1].count", equalTo(1))
                .body("consent.allowed", equalTo(true))
                .body("consent.evidenceId", equalTo("ev-" + both));
        within(WAIT, () -> as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", segment, stale).then()
                .statusCode(200)
                .body("member", equalTo(false))
                .body("rule.conditions[0].count", equalTo(1))
                .body("rule.conditions[0].holds", equalTo(false))
                .body("summary", containsString("not a member")));
        within(WAIT, () -> {
            List<SegmentMembershipChange> published = membershipChanges(both);
            assertTrue(published.stream().anyMatch(change -> change instanceof SegmentEntered
                    && change.segmentId().equals(segment.toString()) && change.ruleVersion() == 1), published.toString());
        });
    }

    @Test
    void boughtThreeTimesInNinetyDaysButNotInTheLastFourteen() {
        String order = TestSegments.unique("Order Completed");
        Instant now = Instant.now();
        String lapsed = person("email_marketing");
        String recent = person("email_marketing");
        String twice = person("email_marketing");
        for (int days : new int[]{20, 40, 80}) {
            publish(track(lapsed, order, now.minus(Duration.ofDays(days)), "{\"revenue\": 30}", null));
            publish(track(recent, order, now.minus(Duration.ofDays(days - 15)), "{\"revenue\": 30}", null));
        }
        publish(track(twice, order, now.minus(Duration.ofDays(20)), null, null));
        publish(track(twice, order, now.minus(Duration.ofDays(30)), null, null));

        UUID segment = TestSegments.create("Lapsed repeat buyers", "email_marketing", """
                {"all": [
                  {"event": {"name": "%1$s", "within": "P90D", "count": {"gte": 3}}},
                  {"not": {"event": {"name": "%1$s", "within": "P14D"}}}
                ]}""".formatted(order));

        within(WAIT, () -> members(segment).body("members.profileId", contains(lapsed)));
        as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", segment, recent).then()
                .body("member", equalTo(false))
                .body("rule.conditions[1].kind", equalTo("not"))
                .body("rule.conditions[1].holds", equalTo(false))
                .body("rule.conditions[1].conditions[0].count", equalTo(1));

        // A new order inside the last 14 days takes the lapsed buyer out at once.
        publish(track(lapsed, order, now.minus(Duration.ofDays(1)), null, null));
        within(WAIT, () -> members(segment).body("members", hasSize(0)));
    }

    @Test
    void newsletterSignUpFromLyonOnAWeekdayEvening() {
        String signUp = TestSegments.unique("Newsletter Signed Up");
        LocalDate tuesday = LocalDate.now(BRAND).minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
        LocalDate saturday = tuesday.plusDays(4);
        Instant tuesdayEvening = tuesday.atTime(LocalTime.of(19, 30)).atZone(BRAND).toInstant();
        Instant tuesdayMorning = tuesday.atTime(LocalTime.of(9, 30)).atZone(BRAND).toInstant();
        Instant saturdayEvening = saturday.atTime(LocalTime.of(19, 30)).atZone(BRAND).toInstant();
        String lyon = "{\"location\": {\"city\": \"Lyon\", \"country\": \"FR\"}}";
        String weekdayEvening = person("email_marketing");
        String morning = person("email_marketing");
        String weekend = person("email_marketing");
        String paris = person("email_marketing");
        publish(track(weekdayEvening, signUp, tuesdayEvening, null, lyon));
        publish(track(morning, signUp, tuesdayMorning, null, lyon));
        publish(track(weekend, signUp, saturdayEvening, null, lyon));
        publish(track(paris, signUp, tuesdayEvening, null, "{\"location\": {\"city\": \"Paris\"}}"));

        UUID segment = TestSegments.create("Lyon weekday evening sign-ups", "email_marketing", """
                {"event": {"name": "%s", "where": [{"path": "context.location.city", "equals": "Lyon"}],
                           "dayOfWeek": ["mon", "tue", "wed", "thu", "fri"], "hourOfDay": {"gte": 18, "lt": 23},
                           "within": "P60D"}}""".formatted(signUp));

        within(WAIT, () -> members(segment).body("members.profileId", contains(weekdayEvening)));
    }

    @Test
    void loyaltyCustomersSpendingOverTwoHundredInNinetyDays() {
        String order = TestSegments.unique("Order Completed");
        Instant now = Instant.now();
        String big = person("personalization");
        String small = person("personalization");
        String notLoyal = person("personalization");
        for (String id : List.of(big, small, notLoyal)) {
            publish(track(id, order, now.minus(Duration.ofDays(10)), id.equals(small) ? "{\"revenue\": 50}" : "{\"revenue\": 150.5}", null));
            publish(track(id, order, now.minus(Duration.ofDays(60)), "{\"revenue\": 80, \"currency\": \"EUR\"}", null));
            publish(track(id, order, now.minus(Duration.ofDays(120)), "{\"revenue\": 900}", null));
        }
        for (String id : List.of(big, small)) {
            publish(new TraitsChanged(TraitsChanged.CURRENT_VERSION, id, Map.of("loyalty_tier", json("\"gold\"")),
                    "src", "m-traits-" + id, now));
        }

        UUID segment = TestSegments.create("Loyal big spenders", "personalization", """
                {"all": [
                  {"trait": {"path": "loyalty_tier", "in": ["silver", "gold"]}},
                  {"event": {"name": "%s", "within": "P90D", "aggregate": {"sum": "properties.revenue", "gt": 200}}}
                ]}""".formatted(order));

        within(WAIT, () -> members(segment).body("members.profileId", contains(big)));
        as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", segment, big).then()
                .body("rule.conditions[0].traitValue", equalTo("\"gold\""))
                .body("rule.conditions[1].aggregate", equalTo(230.5f))
                .body("rule.conditions[1].matchedEventIds", hasSize(2));
        as(Roles.MARKETER).get("/v1/profiles/{profile}/segments", big).then()
                .statusCode(200)
                .body("segmentId", hasItem(segment.toString()));
    }

    private static io.restassured.response.ValidatableResponse members(UUID segment) {
        return as(Roles.MARKETER).get("/v1/segments/{id}/members", segment).then().statusCode(200);
    }
}
