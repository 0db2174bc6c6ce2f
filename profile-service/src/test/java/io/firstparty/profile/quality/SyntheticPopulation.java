package io.firstparty.profile.quality;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.firstparty.profile.AcceptedEvents.NORMALIZER;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.track;
import static io.firstparty.profile.AcceptedEvents.traits;

/**
 * People of several brands and their events, with the truth of who is who. Quiz, newsletter and
 * loyalty flows; e-mails written with varying case and spaces; one phone number written five ways;
 * people with two e-mails; anonymous sessions identified later; each brand's kiosk and till shared
 * by everyone who shops there; a few families sharing one e-mail, each member with their own login.
 */
public final class SyntheticPopulation {

    /** Events in the order they are sent, and for each person the identifiers only they hold. */
    public record Generated(List<EventAccepted> events, Map<Integer, Set<Identifier>> truth) {
    }

    private static final String[] BRANDS = {"skincare", "sportswear", "grocer"};

    private final Random random;
    private final String run;
    private final Map<Integer, Set<Identifier>> truth = new LinkedHashMap<>();

    public SyntheticPopulation(long seed, String run) {
        this.random = new Random(seed);
        this.run = run;
    }

    public Generated generate(int people, int families) {
        List<List<EventAccepted>> journeys = new ArrayList<>();
        for (int person = 0; person < people; person++) {
            journeys.add(journey(person));
        }
        for (int family = 0; family < families; family++) {
            String shared = "family" + family + "." + run + "@example.net";
            for (int member = 0; member < 2 + random.nextInt(2); member++) {
                int person = people + family * 10 + member;
                String userId = "fam-" + run + "-" + family + "-" + member;
                own(person, IdentifierType.USER_ID, userId);
                journeys.add(List.of(identify(null, userId, traits("email", shared, "household", "family" + family))));
            }
        }
        return new Generated(interleave(journeys), truth);
    }

    private List<EventAccepted> journey(int person) {
        String brand = BRANDS[person % BRANDS.length];
        String email = "person" + person + "." + run + "@example.com";
        String phone = "061" + String.format("%07d", random.nextInt(10_000_000));
        String phoneDevice = "dev-" + run + "-" + person + "-m";
        String laptop = "dev-" + run + "-" + person + "-l";
        own(person, IdentifierType.EMAIL, email);
        List<EventAccepted> events = new ArrayList<>();
        events.add(track(phoneDevice, null, "Page Viewed", Map.of(), Map.of("brand", brand)));
        if (random.nextBoolean()) {
            events.add(track(phoneDevice, null, "Quiz Completed", Map.of(), Map.of("skinType", "dry")));
        }
        events.add(identify(phoneDevice, null, traits("email", written(email), "brand", brand)));
        own(person, IdentifierType.ANONYMOUS_ID, phoneDevice);
        if (random.nextInt(3) > 0) {
            events.add(identify(laptop, null, traits("email", written(email), "newsletter", true)));
            own(person, IdentifierType.ANONYMOUS_ID, laptop);
        }
        if (random.nextInt(2) == 0) {
            String card = "LC" + run + "P" + person;
            own(person, IdentifierType.LOYALTY_CARD, card);
            own(person, IdentifierType.PHONE, phone);
            events.add(identify("kiosk-" + run + "-" + brand, null,
                    traits("loyaltyCard", card, "phone", phoneWritten(phone), "email", written(email))));
            for (int purchase = 0; purchase < 1 + random.nextInt(3); purchase++) {
                events.add(track("till-" + run + "-" + brand, null, "Order Completed", traits("loyaltyCard", card),
                        Map.of("revenue", 5 + random.nextInt(80))));
            }
        }
        if (random.nextInt(10) == 0) {
            String userId = "user-" + run + "-" + person;
            String second = "p" + person + ".work." + run + "@example.org";
            own(person, IdentifierType.USER_ID, userId);
            own(person, IdentifierType.EMAIL, second);
            events.add(identify(laptop, userId, traits("email", written(email))));
            events.add(identify(null, userId, traits("email", second)));
        }
        return events;
    }

    /** The same address as people type it: any case, stray spaces. */
    private String written(String email) {
        return switch (random.nextInt(3)) {
            case 0 -> email;
            case 1 -> " " + email.toUpperCase() + " ";
            default -> Character.toUpperCase(email.charAt(0)) + email.substring(1);
        };
    }

    /** {@code 0612345678} five ways. */
    private String phoneWritten(String phone) {
        String national = phone.substring(1);
        return switch (random.nextInt(5)) {
            case 0 -> phone;
            case 1 -> String.join(" ", phone.substring(0, 2), phone.substring(2, 4), phone.substring(4, 6),
                    phone.substring(6, 8), phone.substring(8, 10));
            case 2 -> "+33" + national;
            case 3 -> "+33 " + national.charAt(0) + " " + national.substring(1);
            default -> "0033" + national;
        };
    }

    private void own(int person, IdentifierType type, String raw) {
        truth.computeIfAbsent(person, p -> new LinkedHashSet<>()).add(NORMALIZER.normalize(type, raw));
    }

    /** Everyone's journeys at once, each person's events in their own order. */
    private List<EventAccepted> interleave(List<List<EventAccepted>> journeys) {
        Map<Integer, Integer> next = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < journeys.size(); i++) {
            pending.add(i);
        }
        List<EventAccepted> events = new ArrayList<>();
        while (!pending.isEmpty()) {
            int pick = random.nextInt(pending.size());
            int journey = pending.get(pick);
            int position = next.merge(journey, 1, Integer::sum) - 1;
            events.add(journeys.get(journey).get(position));
            if (position + 1 == journeys.get(journey).size()) {
                pending.remove(pick);
            }
        }
        return events;
    }
}
