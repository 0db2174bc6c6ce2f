package io.firstparty.segment.membership;

import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.SegmentEntered;
import io.firstparty.contracts.events.SegmentExited;
import io.firstparty.contracts.events.SegmentMembershipChange;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.segment.TestSegments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.segment.TestStreams.consent;
import static io.firstparty.segment.TestStreams.json;
import static io.firstparty.segment.TestStreams.membershipChanges;
import static io.firstparty.segment.TestStreams.publish;
import static io.firstparty.segment.TestStreams.readAll;
import static io.firstparty.segment.TestStreams.track;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Membership follows time, other segments, merges, moved events and erasure, and every change is published. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class MembershipLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;

    private static String person() {
        String id = "p-" + UUID.randomUUID();
        consent(id, "personalization", ConsentStatus.GRANTED, "ev-" + id);
        return id;
    }

    private static void assertMember(UUID segment, String profile, boolean member) {
        within(WAIT, () -> as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", segment, profile).then()
                .statusCode(200).body("member", equalTo(member)));
    }

    @Test
    void peopleLeaveWhenTheirEventsAgeOutOfTheWindowWithoutANewEvent() {
        String visit = TestSegments.unique("Store Visited");
        TestSegments.awaitPurposes();
        String visitor = person();
        publish(track(visitor, visit, Instant.now().minusSeconds(10), null, null));

        UUID segment = TestSegments.create("Visited in the last 20 seconds", "personalization",
                "{\"event\": {\"name\": \"" + visit + "\", \"within\": \"PT20S\"}}");
        assertMember(segment, visitor, true);
        assertMember(segment, visitor, false);
        within(WAIT, () -> {
            List<SegmentMembershipChange> changes = membershipChanges(visitor).stream()
                    .filter(change -> change.segmentId().equals(segment.toString())).toList();
            assertEquals(2, changes.size(), changes.toString());
            assertTrue(changes.get(0) instanceof SegmentEntered && changes.get(1) instanceof SegmentExited, changes.toString());
        });
        as(Roles.MARKETER).get("/v1/segments/{id}/size?days=1", segment).then()
                .body("[0].entered", equalTo(1)).body("[0].exited", equalTo(1)).body("[0].size", equalTo(0));
    }

    @Test
    void anOuterSegmentFollowsTheInnerOneAtOnce() {
        String download = TestSegments.unique("App Downloaded");
        UUID inner = TestSegments.create("App users", "personalization", "{\"event\": {\"name\": \"" + download + "\"}}");
        UUID outer = TestSegments.create("Gold app users", "personalization", """
                {"all": [{"inSegment": "%s"}, {"trait": {"path": "tier", "equals": "gold"}}]}""".formatted(inner));
        String gold = person();
        publish(new TraitsChanged(TraitsChanged.CURRENT_VERSION, gold, Map.of("tier", json("\"gold\"")), "src", "m-t", Instant.now()));
        publish(track(gold, download, Instant.now(), null, null));

        assertMember(inner, gold, true);
        assertMember(outer, gold, true);
        as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", outer, gold).then()
                .body("rule.conditions[0].kind", equalTo("inSegment"))
                .body("rule.conditions[0].holds", equalTo(true));
        as(Roles.MARKETER).post("/v1/segments/{id}/archive", inner).then().statusCode(409);
    }

    @Test
    void aMergeFoldsTheAbsorbedHistoryIntoTheSurvivor() {
        String order = TestSegments.unique("Order Completed");
        String survivor = person();
        String absorbed = person();
        publish(track(survivor, order, Instant.now().minusSeconds(60), null, null));
        publish(track(absorbed, order, Instant.now().minusSeconds(30), null, null));
        UUID twice = TestSegments.create("Ordered twice", "personalization",
                "{\"event\": {\"name\": \"" + order + "\", \"count\": {\"gte\": 2}}}");
        UUID once = TestSegments.create("Ordered", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        assertMember(once, absorbed, true);
        assertMember(twice, survivor, false);

        publish(new ProfileMerged(ProfileMerged.CURRENT_VERSION, survivor, absorbed, "merge-1", "same e-mail", Instant.now()));

        assertMember(twice, survivor, true);
        assertMember(once, absorbed, false);
        as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", twice, survivor).then()
                .body("rule.count", equalTo(2));
    }

    @Test
    void anEventRepublishedForAnotherProfileMoves() {
        String order = TestSegments.unique("Order Completed");
        String merged = person();
        String restored = person();
        String messageId = "m-" + UUID.randomUUID();
        publish(track(merged, messageId, order, Instant.now(), null, null));
        UUID segment = TestSegments.create("Ordered", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        assertMember(segment, merged, true);

        publish(track(restored, messageId, order, Instant.now(), null, null));

        assertMember(segment, restored, true);
        assertMember(segment, merged, false);
    }

    @Test
    void anErasedProfileLeavesNothingAndIsReportedOnce() {
        String order = TestSegments.unique("Order Completed");
        String erased = person();
        publish(track(erased, order, Instant.now(), "{\"revenue\": 10}", null));
        UUID segment = TestSegments.create("Ordered", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        assertMember(segment, erased, true);
        String request = "dsr-" + UUID.randomUUID();

        publish(new ProfileErased(ProfileErased.CURRENT_VERSION, erased, request, List.of(), Instant.now()));
        publish(new ProfileErased(ProfileErased.CURRENT_VERSION, erased, request, List.of(), Instant.now()));

        assertMember(segment, erased, false);
        as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", segment, erased).then()
                .body("rule.count", equalTo(0));
        within(WAIT, () -> {
            List<ErasureCompleted> reports = readAll(Topics.ERASURE_REPORTS).stream()
                    .map(record -> (ErasureCompleted) record.value())
                    .filter(report -> report.requestId().equals(request)).toList();
            assertEquals(2, reports.size(), "one report per delivery of the request");
            assertEquals(reports.get(0), reports.get(1), "a redelivered request reports the same result");
            assertEquals("segment-service", reports.get(0).service());
            assertEquals(ErasureCompleted.ERASED, reports.get(0).outcome());
            assertTrue(reports.get(0).itemsErased() >= 3, reports.get(0).toString());
        });
    }

    @Test
    void anErasureClosesEveryMembershipOnceWithAnExitCausedByIt() throws Exception {
        String order = TestSegments.unique("Order Completed");
        String erased = person();
        String kept = person();
        publish(track(erased, order, Instant.now(), "{\"revenue\": 80}", null));
        publish(track(kept, order, Instant.now(), "{\"revenue\": 80}", null));
        UUID ordered = TestSegments.create("Ordered", "personalization", "{\"event\": {\"name\": \"" + order + "\"}}");
        UUID bigSpenders = TestSegments.create("Spent over 50", "personalization", "{\"event\": {\"name\": \"" + order
                + "\", \"aggregate\": {\"sum\": \"properties.revenue\", \"gt\": 50}}}");
        assertMember(ordered, erased, true);
        assertMember(bigSpenders, erased, true);
        assertMember(bigSpenders, kept, true);
        within(WAIT, () -> assertEquals(2, membershipChanges(erased).stream().filter(SegmentEntered.class::isInstance).count(),
                "both entries are published before the erasure"));
        String request = "dsr-" + UUID.randomUUID();

        publish(new ProfileErased(ProfileErased.CURRENT_VERSION, erased, request, List.of(), Instant.now()));
        publish(new ProfileErased(ProfileErased.CURRENT_VERSION, erased, request, List.of(), Instant.now()));

        within(WAIT, () -> {
            List<SegmentMembershipChange> changes = membershipChanges(erased);
            for (UUID segment : List.of(ordered, bigSpenders)) {
                List<SegmentMembershipChange> ofSegment = changes.stream()
                        .filter(change -> change.segmentId().equals(segment.toString())).toList();
                assertEquals(2, ofSegment.size(), "one entry, then one exit despite the redelivery: " + ofSegment);
                assertTrue(ofSegment.get(0) instanceof SegmentEntered && ofSegment.get(1) instanceof SegmentExited,
                        ofSegment.toString());
                assertEquals(1, ofSegment.get(1).ruleVersion());
            }
        });
        assertEquals(List.of("erasure", "erasure"), causesOfExits(erased), "the exits are recorded with their cause");
        assertMember(bigSpenders, kept, true);
        assertTrue(membershipChanges(kept).stream().noneMatch(SegmentExited.class::isInstance), "nobody else left");
        // The erased person's entry went with the rest of their data; their exit stays.
        as(Roles.MARKETER).get("/v1/segments/{id}/size?days=1", bigSpenders).then()
                .body("[0].entered", equalTo(1)).body("[0].exited", equalTo(1)).body("[0].size", equalTo(1));
    }

    /** What the change log keeps of a person's exits: only their causes (nothing else of them is left). */
    private List<String> causesOfExits(String profileId) throws Exception {
        List<String> causes = new ArrayList<>();
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT change, cause FROM segment_membership_change"
                     + " WHERE profile_id = ? ORDER BY id")) {
            query.setString(1, profileId);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    assertEquals("exited", rows.getString(1), "an erased person's entries are not kept");
                    causes.add(rows.getString(2));
                }
            }
        }
        return causes;
    }
}
