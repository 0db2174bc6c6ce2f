package io.firstparty.segment.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.security.Roles;
import io.firstparty.segment.TestSegments;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.segment.TestStreams.consent;
import static io.firstparty.segment.TestStreams.json;
import static io.firstparty.segment.TestStreams.publish;
import static io.firstparty.segment.TestStreams.readAll;
import static io.firstparty.segment.TestStreams.track;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The segment service's part of an access request: memberships with their entries and exits. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AccessPartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void onceTheProfileServiceNamesThePersonTheirMembershipsAndHistoryAreDelivered() {
        TestSegments.awaitPurposes();
        String person = "p-" + UUID.randomUUID();
        consent(person, "personalization", ConsentStatus.GRANTED, "ev-" + person);
        String order = TestSegments.unique("Order Completed");
        publish(track(person, order, Instant.now(), "{\"revenue\": 42}", null));
        UUID segment = TestSegments.create("Ordered for access " + person, "personalization",
                "{\"event\": {\"name\": \"" + order + "\"}}");
        within(WAIT, () -> as(Roles.MARKETER).get("/v1/segments/{id}/members/{profile}", segment, person).then()
                .statusCode(200).body("member", equalTo(true)));

        String requestId = "acc-" + UUID.randomUUID();
        profilePart(requestId, List.of(person), AccessPartDelivered.DELIVERED);
        List<AccessPartDelivered> chunks = await(requestId);
        AccessPartDelivered first = chunks.get(0);
        assertEquals(AccessPartDelivered.DELIVERED, first.outcome());
        assertEquals(List.of(person), first.profileIds());
        assertEquals(1L, first.counts().get("memberships"));
        assertEquals(1L, first.counts().get("eventsHeld"));
        StringBuilder content = new StringBuilder();
        chunks.forEach(chunk -> content.append(chunk.content()));
        JsonNode part = json(content.toString());
        assertEquals(segment.toString(), part.path("memberships").get(0).path("segmentId").asText());
        assertTrue(part.path("memberships").get(0).path("segment").asText().startsWith("Ordered for access " + person),
                "the segment's name is given");
        JsonNode entry = part.path("history").get(0);
        assertEquals("entered", entry.path("change").asText());
        assertEquals(1, entry.path("ruleVersion").asInt());
        assertTrue(!entry.path("cause").asText().isEmpty(), "the entry's cause is given");

        String unknown = "acc-" + UUID.randomUUID();
        profilePart(unknown, List.of("p-" + UUID.randomUUID()), AccessPartDelivered.NOTHING_HELD);
        assertEquals(AccessPartDelivered.NOTHING_HELD, await(unknown).get(0).outcome());
    }

    private static void profilePart(String requestId, List<String> profileIds, String outcome) {
        AccessPartDelivered.chunked(requestId, "profile-service", UUID.randomUUID().toString(), outcome, profileIds,
                Map.of(), "{}", null, Instant.now()).forEach(chunk -> publish(Topics.ACCESS_PARTS, requestId, chunk));
    }

    private static List<AccessPartDelivered> await(String requestId) {
        AtomicReference<List<AccessPartDelivered>> found = new AtomicReference<>();
        within(WAIT, () -> {
            List<AccessPartDelivered> chunks = readAll(Topics.ACCESS_PARTS).stream()
                    .filter(record -> requestId.equals(record.key()))
                    .map(record -> (AccessPartDelivered) record.value())
                    .filter(chunk -> "segment-service".equals(chunk.service()))
                    .sorted(Comparator.comparingInt(AccessPartDelivered::chunk)).toList();
            assertTrue(!chunks.isEmpty() && chunks.size() == chunks.get(0).chunks(), "the segment part has arrived");
            found.set(chunks);
        });
        return found.get();
    }
}
