package io.firstparty.system.scenario;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Http;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.firstparty.kit.testing.Eventually.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four example audiences of the segment language, through the real collection API, identity
 * resolution and consent ledger. One batch of events with past timestamps makes each audience's
 * members and near misses (one condition short each); every person gets consent for the segments'
 * purpose through the preference centre; each segment is then created by a marketer, and its
 * listed members among these people must be exactly the expected ones, each explained by the
 * events and trait that matched.
 */
@Order(20)
class ExampleAudiencesTest {

    private static final Duration RESOLUTION = Duration.ofSeconds(90);
    /** The brand's time zone, as segment-service is configured by default. */
    private static final ZoneId BRAND_ZONE = ZoneId.of("Europe/Paris");
    private static final String PURPOSE = "personalization";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private static LocalPlatform platform;
    private static String run;
    private static Instant now;
    private static final List<Map<String, Object>> BATCH = new ArrayList<>();
    /** Each person's key (e.g. "quiz-twice-dry") to their profile id, in the order they first appear. */
    private static final Map<String, String> PROFILES = new LinkedHashMap<>();
    /** Message ids of the events each test names in its explanations. */
    private static final Map<String, String> MESSAGES = new HashMap<>();

    @BeforeAll
    static void oneBatchOfCustomersThenTheirConsent() {
        platform = LocalPlatform.get();
        long started = System.nanoTime();
        Brand brand = Brand.create(platform, "Maison Lumière");
        run = UUID.randomUUID().toString().substring(0, 8);
        now = Instant.now();

        quizzers();
        buyers();
        newsletterSubscribers();
        loyaltyCustomers();
        brand.collect().body(Map.of("batch", BATCH)).post("/v1/batch").then().statusCode(200);

        for (String person : PROFILES.keySet()) {
            PROFILES.put(person, awaitProfile(person));
        }
        // The consent service answers 404 until it has heard of the person from the resolved events.
        for (String profileId : PROFILES.values()) {
            within(RESOLUTION, () -> as("privacy").contentType(ContentType.JSON).header("Idempotency-Key", "grant-" + profileId)
                    .body(Map.of("choices", Map.of(PURPOSE, true)))
                    .put(Service.CONSENT.url() + "/v1/people/" + profileId + "/consents").then().statusCode(200));
        }
        System.out.printf("example audiences: %d events of %d people posted, resolved and consented in %d ms%n",
                BATCH.size(), PROFILES.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    // --- 1. Completed the skin quiz twice in the last 30 days and answered dry skin -----------

    private static void quizzers() {
        quiz("quiz-twice-dry", "q1", days(20), "oily");
        quiz("quiz-twice-dry", "q2", days(3), "dry");
        quiz("quiz-once", "q1", days(5), "dry");
        quiz("quiz-second-too-old", "q1", days(40), "dry");
        quiz("quiz-second-too-old", "q2", days(2), "oily");
        quiz("quiz-twice-oily", "q1", days(12), "oily");
        quiz("quiz-twice-oily", "q2", days(1), "oily");
    }

    @Test
    void completedTheSkinQuizTwiceInThirtyDaysAndAnsweredDrySkin() {
        String segment = createSegment("Skin quiz twice, dry skin", Map.of("all", List.of(
                Map.of("event", Map.of("name", "Quiz Completed", "where", List.of(filter("properties.quiz", "skin")),
                        "within", "P30D", "count", Map.of("gte", 2))),
                Map.of("event", Map.of("name", "Quiz Completed", "where",
                        List.of(filter("properties.answers.skin_type", "dry")), "within", "P30D")))));

        awaitMembers(segment, Set.of("quiz-twice-dry"), Set.of("quiz-once", "quiz-second-too-old", "quiz-twice-oily"), () -> {
            JsonPath why = explanation(segment, "quiz-twice-dry");
            assertEquals(Set.of(message("quiz-twice-dry", "q1"), message("quiz-twice-dry", "q2")),
                    Set.copyOf(why.getList("rule.conditions[0].matchedEventIds")), "both quizzes are named");
            assertEquals(List.of(message("quiz-twice-dry", "q2")), why.getList("rule.conditions[1].matchedEventIds"),
                    "the quiz answered dry is named");
            JsonPath tooOld = explanation(segment, "quiz-second-too-old");
            assertEquals(1, tooOld.getInt("rule.conditions[0].count"), "the quiz of 40 days ago is outside the window");
            assertFalse(tooOld.getBoolean("rule.conditions[0].holds"));
        });
    }

    // --- 2. Bought at least 3 times in 90 days but not in the last 14 --------------------------

    private static void buyers() {
        order("lapsed-buyer", "o1", days(80), 30, "EUR");
        order("lapsed-buyer", "o2", days(50), 30, "EUR");
        order("lapsed-buyer", "o3", days(20), 30, "EUR");
        order("recent-buyer", "o1", days(60), 30, "EUR");
        order("recent-buyer", "o2", days(40), 30, "EUR");
        order("recent-buyer", "o3", days(5), 30, "EUR");
        order("two-orders", "o1", days(60), 30, "EUR");
        order("two-orders", "o2", days(30), 30, "EUR");
        order("orders-too-old", "o1", days(120), 30, "EUR");
        order("orders-too-old", "o2", days(100), 30, "EUR");
        order("orders-too-old", "o3", days(30), 30, "EUR");
    }

    @Test
    void boughtAtLeastThreeTimesInNinetyDaysButNotInTheLastFourteen() {
        String segment = createSegment("Lapsed repeat buyers", Map.of("all", List.of(
                Map.of("event", Map.of("name", "Order Completed", "within", "P90D", "count", Map.of("gte", 3))),
                Map.of("not", Map.of("event", Map.of("name", "Order Completed", "within", "P14D"))))));

        awaitMembers(segment, Set.of("lapsed-buyer"), Set.of("recent-buyer", "two-orders", "orders-too-old"), () -> {
            JsonPath why = explanation(segment, "lapsed-buyer");
            assertEquals(Set.of(message("lapsed-buyer", "o1"), message("lapsed-buyer", "o2"), message("lapsed-buyer", "o3")),
                    Set.copyOf(why.getList("rule.conditions[0].matchedEventIds")), "the three orders are named");
            assertEquals(3, why.getInt("rule.conditions[0].count"));
            assertTrue(why.getBoolean("rule.conditions[1].holds"), "no order in the last 14 days");
            JsonPath recent = explanation(segment, "recent-buyer");
            assertFalse(recent.getBoolean("rule.conditions[1].holds"));
            assertEquals(List.of(message("recent-buyer", "o3")), recent.getList("rule.conditions[1].conditions[0].matchedEventIds"),
                    "the order of 5 days ago is what keeps the recent buyer out");
        });
    }

    // --- 3. Signed up to the newsletter from Lyon on a weekday evening (brand time zone) -------

    private static void newsletterSubscribers() {
        ZonedDateTime wednesday = ZonedDateTime.ofInstant(now, BRAND_ZONE).minusWeeks(1)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY)).toLocalDate().atStartOfDay(BRAND_ZONE);
        ZonedDateTime saturday = wednesday.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        // 18:30 in Paris is 17:30 or 16:30 UTC: evening only in the brand's zone.
        signUp("lyon-weekday-evening", at(wednesday, 18, 30), "Lyon");
        // 23:15 in Paris is 22:15 or 21:15 UTC: evening in UTC, but past the brand's evening.
        signUp("lyon-weekday-late-night", at(wednesday, 23, 15), "Lyon");
        signUp("lyon-weekday-afternoon", at(wednesday, 15, 0), "Lyon");
        signUp("lyon-saturday-evening", at(saturday, 19, 30), "Lyon");
        signUp("paris-weekday-evening", at(wednesday, 19, 30), "Paris");
    }

    @Test
    void signedUpToTheNewsletterFromLyonOnAWeekdayEvening() {
        String segment = createSegment("Lyon weekday evening sign-ups", Map.of("event", Map.of(
                "name", "Newsletter Signed Up", "where", List.of(filter("context.location.city", "Lyon")),
                "dayOfWeek", List.of("mon", "tue", "wed", "thu", "fri"), "hourOfDay", Map.of("gte", 18, "lt", 23))));

        awaitMembers(segment, Set.of("lyon-weekday-evening"), Set.of("lyon-weekday-late-night", "lyon-weekday-afternoon",
                "lyon-saturday-evening", "paris-weekday-evening"), () -> {
            JsonPath why = explanation(segment, "lyon-weekday-evening");
            assertEquals(List.of(message("lyon-weekday-evening", "n1")), why.getList("rule.matchedEventIds"));
            assertEquals(BRAND_ZONE.getId(), why.getString("timeZone"));
            assertEquals(0, explanation(segment, "lyon-weekday-late-night").getInt("rule.count"));
        });
    }

    // --- 4. Loyalty customers with spend over 200 EUR in 90 days ------------------------------

    private static void loyaltyCustomers() {
        tier("gold-big-spender", "gold");
        order("gold-big-spender", "o1", days(60), 120, "EUR");
        order("gold-big-spender", "o2", days(10), 100, "EUR");
        tier("silver-just-under", "silver");
        order("silver-just-under", "o1", days(30), 120, "EUR");
        order("silver-just-under", "o2", days(20), 80, "EUR");
        order("no-tier-big-spender", "o1", days(30), 150, "EUR");
        order("no-tier-big-spender", "o2", days(20), 150, "EUR");
        tier("gold-spend-too-old", "gold");
        order("gold-spend-too-old", "o1", days(100), 150, "EUR");
        order("gold-spend-too-old", "o2", days(10), 150, "EUR");
        tier("gold-in-dollars", "gold");
        order("gold-in-dollars", "o1", days(10), 250, "USD");
        tier("bronze-big-spender", "bronze");
        order("bronze-big-spender", "o1", days(10), 250, "EUR");
    }

    @Test
    void loyaltyCustomersWithSpendOverTwoHundredEurosInNinetyDays() {
        String segment = createSegment("Loyal big spenders", Map.of("all", List.of(
                Map.of("trait", Map.of("path", "loyalty_tier", "in", List.of("silver", "gold"))),
                Map.of("event", Map.of("name", "Order Completed", "where", List.of(filter("properties.currency", "EUR")),
                        "within", "P90D", "aggregate", Map.of("sum", "properties.revenue", "gt", 200))))));

        awaitMembers(segment, Set.of("gold-big-spender"), Set.of("silver-just-under", "no-tier-big-spender",
                "gold-spend-too-old", "gold-in-dollars", "bronze-big-spender"), () -> {
            JsonPath why = explanation(segment, "gold-big-spender");
            assertEquals("\"gold\"", why.getString("rule.conditions[0].traitValue"));
            assertEquals(Set.of(message("gold-big-spender", "o1"), message("gold-big-spender", "o2")),
                    Set.copyOf(why.getList("rule.conditions[1].matchedEventIds")), "both orders are named");
            assertEquals(220.0, why.getDouble("rule.conditions[1].aggregate"), 0.001);
            assertEquals(200.0, explanation(segment, "silver-just-under").getDouble("rule.conditions[1].aggregate"), 0.001);
        });
    }

    // --- the events ---------------------------------------------------------------------------

    private static Instant days(int ago) {
        return now.minus(Duration.ofDays(ago));
    }

    private static Instant at(ZonedDateTime day, int hour, int minute) {
        return day.with(LocalTime.of(hour, minute)).toInstant();
    }

    private static Map<String, Object> filter(String path, Object value) {
        return Map.of("path", path, "equals", value);
    }

    private static String userId(String person) {
        return "audience-" + run + "-" + person;
    }

    private static String message(String person, String event) {
        return MESSAGES.computeIfAbsent(person + "-" + event, key -> "m-" + run + "-" + key);
    }

    private static void track(String person, String event, String name, Instant at, Map<String, Object> properties,
                              Map<String, Object> context) {
        PROFILES.putIfAbsent(person, null);
        Map<String, Object> message = new HashMap<>(Map.of("type", "track", "userId", userId(person), "event", name,
                "messageId", message(person, event), "timestamp", at.toString(), "properties", properties));
        if (context != null) {
            message.put("context", context);
        }
        BATCH.add(message);
    }

    private static void quiz(String person, String event, Instant at, String skinType) {
        track(person, event, "Quiz Completed", at, Map.of("quiz", "skin", "answers", Map.of("skin_type", skinType)), null);
    }

    private static void order(String person, String event, Instant at, int revenue, String currency) {
        track(person, event, "Order Completed", at, Map.of("revenue", revenue, "currency", currency), null);
    }

    private static void signUp(String person, Instant at, String city) {
        track(person, "n1", "Newsletter Signed Up", at, Map.of("list", "weekly"),
                Map.of("location", Map.of("city", city, "country", "FR")));
    }

    private static void tier(String person, String tier) {
        PROFILES.putIfAbsent(person, null);
        BATCH.add(Map.of("type", "identify", "userId", userId(person), "messageId", message(person, "tier"),
                "timestamp", days(95).toString(), "traits", Map.of("loyalty_tier", tier)));
    }

    // --- the services -------------------------------------------------------------------------

    private static RequestSpecification as(String demoUser) {
        String token = TOKENS.computeIfAbsent(demoUser, user -> Sensitive.value(platform.keycloak().token(user)));
        return RestAssured.given().auth().oauth2(token);
    }

    private static String awaitProfile(String person) {
        String[] found = new String[1];
        Http.await("the profile of " + person, RESOLUTION, () -> {
            Response response = as("marketer").queryParam("identifier", "user_id:" + userId(person))
                    .get(Service.PROFILE.url() + "/v1/profiles");
            found[0] = response.statusCode() == 200 ? response.jsonPath().getString("id") : null;
            return found[0] != null;
        }, platform.service(Service.PROFILE));
        return found[0];
    }

    private static String createSegment(String name, Map<String, Object> rule) {
        return as("marketer").contentType(ContentType.JSON).body(Map.of("name", name + " " + run,
                        "description", name, "purpose", PURPOSE, "owner", "crm-team", "significant", false, "rule", rule))
                .post(Service.SEGMENT.url() + "/v1/segments").then().statusCode(201).extract().path("segment.id");
    }

    /**
     * Waits until the listed members among this test's people are exactly the expected ones and the
     * explanations say what they must (the events of a near miss may still be on their way), then
     * checks the list again: no near miss entered meanwhile.
     */
    private static void awaitMembers(String segment, Set<String> members, Set<String> nearMisses, Runnable explanations) {
        Set<String> expected = new TreeSet<>(members);
        within(RESOLUTION, () -> assertEquals(expected, listedAmongOurPeople(segment), "listed members among the test's people"));
        within(RESOLUTION, () -> {
            for (String member : members) {
                JsonPath why = explanation(segment, member);
                assertTrue(why.getBoolean("member") && why.getBoolean("listed") && why.getBoolean("rule.holds"), why.prettify());
                assertEquals("granted", why.getString("consent.status"));
                assertTrue(why.getString("consent.evidenceId") != null, "the consent verdict names its ledger record");
            }
            for (String nearMiss : nearMisses) {
                JsonPath why = explanation(segment, nearMiss);
                assertFalse(why.getBoolean("member") || why.getBoolean("rule.holds"), why.prettify());
            }
            explanations.run();
        });
        assertEquals(expected, listedAmongOurPeople(segment), "listed members among the test's people");
    }

    private static Set<String> listedAmongOurPeople(String segment) {
        Map<String, String> people = new HashMap<>();
        PROFILES.forEach((person, profileId) -> people.put(profileId, person));
        Set<String> listed = new TreeSet<>();
        String cursor = null;
        do {
            RequestSpecification request = as("marketer").queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(Service.SEGMENT.url() + "/v1/segments/" + segment + "/members")
                    .then().statusCode(200).extract().jsonPath();
            page.getList("members.profileId", String.class).stream().map(people::get)
                    .filter(java.util.Objects::nonNull).forEach(listed::add);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return listed;
    }

    private static JsonPath explanation(String segment, String person) {
        return as("marketer").get(Service.SEGMENT.url() + "/v1/segments/" + segment + "/members/" + PROFILES.get(person))
                .then().statusCode(200).extract().jsonPath();
    }
}
