package io.firstparty.profile.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.profile.Published;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile service's part of an access request, delivered in chunks however many events the person has. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AccessPartTest {

    private static final int EVENTS = 3_000;

    @Inject
    DataSource dataSource;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPersonWithThousandsOfEventsIsDeliveredInChunksThatJoinIntoTheWholeExport() throws Exception {
        String email = "access." + run + "@example.com";
        EventAccepted signUp = identify("ac-" + run, null, traits("email", email, "firstName", "Ada"));
        List<EventAccepted> events = new ArrayList<>(List.of(signUp));
        for (int i = 0; i < EVENTS - 1; i++) {
            events.add(track("ac-" + run, null, "Product Viewed", Map.of(), Map.of("sku", "SKU-" + i)));
        }
        send(events);
        UUID profile = awaitResolved(dataSource, List.of(signUp, events.get(events.size() - 1))).get(0);

        String requestId = "acc-" + run;
        send(new AccessRequested(AccessRequested.CURRENT_VERSION, requestId, AccessRequested.ACCESS, null,
                List.of(new Identifier(IdentifierType.EMAIL, email)), Instant.now()));
        JsonNode first = Published.await(Topics.ACCESS_PARTS, 1,
                record -> requestId.equals(record.path("requestId").asText()) && record.path("chunk").asInt() == 0).get(0);
        int chunks = first.path("chunks").asInt();
        assertTrue(chunks > 1, "a part of " + EVENTS + " events is " + chunks + " chunks");
        assertEquals("profile-service", first.path("service").asText());
        assertEquals("delivered", first.path("outcome").asText());
        assertEquals(List.of(profile.toString()), List.of(first.path("profileIds").get(0).asText()));
        assertEquals(EVENTS, first.path("counts").path("events").asLong());

        List<JsonNode> all = Published.await(Topics.ACCESS_PARTS, chunks,
                record -> requestId.equals(record.path("requestId").asText()));
        assertEquals(chunks, all.size());
        StringBuilder joined = new StringBuilder();
        all.stream().sorted(Comparator.comparingInt(record -> record.path("chunk").asInt()))
                .forEach(record -> joined.append(record.path("content").asText()));
        JsonNode part = ContractJson.MAPPER.readTree(joined.toString());
        JsonNode export = part.path("profiles").get(0);
        assertEquals(profile.toString(), export.path("profile").path("id").asText());
        assertEquals("Ada", export.path("profile").path("traits").path("firstName").path("value").asText());
        assertEquals(EVENTS, export.path("events").size());
        assertTrue(export.path("identifiers").toString().contains(email));

        String unknown = "acc-none-" + run;
        send(new AccessRequested(AccessRequested.CURRENT_VERSION, unknown, AccessRequested.PORTABILITY, null,
                List.of(new Identifier(IdentifierType.EMAIL, "nobody." + run + "@example.com")), Instant.now()));
        JsonNode nothing = Published.await(Topics.ACCESS_PARTS, 1,
                record -> unknown.equals(record.path("requestId").asText())).get(0);
        assertEquals("nothing-held", nothing.path("outcome").asText());
        assertEquals(1, nothing.path("chunks").asInt());
        assertEquals(0, nothing.path("profileIds").size());
    }
}
