package io.firstparty.profile.resolution;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.profile.AcceptedEvents.NORMALIZER;
import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The scenario: a quiz on her phone, her e-mail for the results, a newsletter on a laptop,
 * a loyalty card at a shop kiosk with her phone number written the French way, a purchase at the
 * till with the card. One profile; the hundreds of strangers on the same kiosk and till stay apart.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class KioskScenarioTest {

    private static final int STRANGERS = 150;

    @Inject
    DataSource dataSource;

    private final Random random = new Random();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void herJourneyIsOneProfileAndTheKioskStrangersStayApart() {
        String kiosk = "kiosk-" + run;
        String till = "till-" + run;
        String phone = frenchMobile();
        String email = "ada." + run + "@example.com";
        String card = "LC-" + run + "-01";

        List<EventAccepted> strangersBefore = strangers(kiosk, till, 0, 5);
        send(strangersBefore);
        UUID firstStranger = awaitResolved(dataSource, strangersBefore).get(0);

        List<EventAccepted> hers = List.of(
                track("phone-" + run, null, "Quiz Completed", Map.of(), Map.of("skinType", "dry")),
                identify("phone-" + run, null, traits("email", "  Ada." + run.toUpperCase() + "@Example.COM ", "firstName", "Ada")),
                identify("laptop-" + run, null, traits("email", email, "newsletter", true)),
                identify(kiosk, null, traits("loyaltyCard", card, "phone", spaced(phone), "email", email)),
                track(till, null, "Order Completed", traits("loyaltyCard", card), Map.of("revenue", 42.5)));
        List<EventAccepted> strangersAfter = strangers(kiosk, till, 5, STRANGERS);
        List<EventAccepted> all = new ArrayList<>(hers);
        all.addAll(strangersAfter);
        send(all);
        List<UUID> herProfiles = awaitResolved(dataSource, hers);
        List<UUID> strangerProfiles = awaitResolved(dataSource, strangersAfter);

        UUID her = herProfiles.get(herProfiles.size() - 1);
        JsonPath profile = as(Roles.MARKETER).queryParam("identifier", "phone:" + spaced(phone))
                .get("/v1/profiles").then().statusCode(200).extract().jsonPath();
        assertEquals(her.toString(), profile.getString("id"));
        as(Roles.MARKETER).get("/v1/profiles/" + her).then().statusCode(200)
                .body("identifiers.value", hasItems(email, NORMALIZER.normalize(IdentifierType.PHONE, phone).value(),
                        "LC" + run.toUpperCase() + "01", "phone-" + run, "laptop-" + run))
                .body("identifiers.value", not(hasItem(kiosk)))
                .body("traits.firstName.value", equalTo("Ada"))
                .body("computed.totalRevenue", equalTo(42.5f))
                .body("computed.eventCounts.identify", equalTo(3))
                .body("computed.eventCounts.track", equalTo(2));
        as(Roles.MARKETER).queryParam("limit", 10).get("/v1/profiles/" + her + "/events").then().statusCode(200)
                .body("items.messageId", containsInAnyOrder(hers.stream().map(EventAccepted::messageId).toArray()));

        Set<UUID> distinct = new HashSet<>();
        for (int i = 0; i < strangerProfiles.size(); i++) {
            UUID stranger = strangerProfiles.get(i);
            assertNotEquals(her, stranger, "a stranger's event landed on her profile");
            if (i % 2 == 1) {
                assertEquals(strangerProfiles.get(i - 1), stranger, "a stranger's purchase left their own profile");
                distinct.add(stranger);
            }
        }
        assertEquals(STRANGERS - 5, distinct.size(), "strangers were fused with each other");

        as(Roles.ADMIN).get("/v1/identity-graph/shared-identifiers").then().statusCode(200)
                .body("value", hasItems(kiosk, till));
        as(Roles.MARKETER).get("/v1/profiles/" + her + "/merges").then().statusCode(200)
                // Whichever of her events carrying the e-mail was resolved first: they arrive keyed by
                // different devices, so on different partitions, in no set order.
                .body("identifiers.find { it.value == '" + email + "' }.linkedBy",
                        anyOf(equalTo(hers.get(1).messageId()), equalTo(hers.get(2).messageId()),
                                equalTo(hers.get(3).messageId())));
        // The kiosk first linked the first stranger; the next ones were refused until it was marked shared.
        as(Roles.ADMIN).get("/v1/profiles/" + firstStranger + "/merges").then().statusCode(200)
                .body("merges.findAll { it.rule == 'weak-link' }.status", hasItems("refused"));
    }

    /** Each stranger registers a card at the kiosk, then buys with it at the till. */
    private List<EventAccepted> strangers(String kiosk, String till, int from, int to) {
        List<EventAccepted> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String card = "LC" + run + "S" + i;
            events.add(identify(kiosk, null, traits("loyaltyCard", card, "phone", frenchMobile(),
                    "email", "stranger" + i + "." + run + "@example.org")));
            events.add(track(till, null, "Order Completed", traits("loyaltyCard", card), Map.of("revenue", 10)));
        }
        return events;
    }

    private String frenchMobile() {
        return "061" + String.format("%07d", random.nextInt(10_000_000));
    }

    /** {@code 0612345678} written {@code 06 12 34 56 78}, as at the kiosk. */
    private static String spaced(String phone) {
        return String.join(" ", phone.substring(0, 2), phone.substring(2, 4), phone.substring(4, 6),
                phone.substring(6, 8), phone.substring(8, 10));
    }
}
