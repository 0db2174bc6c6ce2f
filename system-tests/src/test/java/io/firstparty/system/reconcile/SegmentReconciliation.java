package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.firstparty.system.reconcile.ArchiveReconciliation.report;

/**
 * segment-service's membership kept up to date through the faults against a recomputation from
 * scratch: a segment made before the load follows it event by event; once every accepted message has
 * reached the service, a second segment with the identical rule is made, whose backfill computes
 * the membership from the stored history alone. The two member sets must be equal, and not empty.
 * The rule (a product viewed with one of the load's SKUs) holds for some of the load's people only.
 * The followed segment's recorded entries and exits alternate person by person (none recorded twice,
 * as two replicas or a redelivery could) and end as its membership does.
 */
final class SegmentReconciliation implements Reconciliation {

    private static final Map<String, Object> RULE = Map.of("event", Map.of("name", "Product Viewed", "within", "P30D",
            "where", List.of(Map.of("path", "properties.sku", "equals", "sku-7"))));
    private static final String MEMBERS = "SELECT profile_id FROM segment_membership WHERE segment_id = ?::uuid";
    private static final String RECEIVED =
            "SELECT message_id FROM segment_event_owner WHERE message_id = ANY (?)";
    private static final String CHANGES = "SELECT profile_id, string_agg(change, ',' ORDER BY id), count(published_at)"
            + " FROM segment_membership_change WHERE segment_id = ?::uuid GROUP BY profile_id";

    private final LocalPlatform platform;
    private final Tables tables;
    private final List<String> sourceIds;
    private String liveSegment;

    SegmentReconciliation(LocalPlatform platform, List<String> sourceIds) {
        this.platform = platform;
        this.tables = new Tables(platform);
        this.sourceIds = List.copyOf(sourceIds);
    }

    @Override
    public String name() {
        return "segment membership";
    }

    @Override
    public void beforeLoad() {
        liveSegment = createSegment("followed through the faults");
    }

    @Override
    public void awaitCaughtUp(Ledger ledger, Duration timeout) {
        Set<String> accepted = accepted(ledger);
        Tables.await(timeout, () -> received(accepted).size() == accepted.size());
    }

    @Override
    public List<String> discrepancies(Ledger ledger) {
        if (liveSegment == null) {
            return List.of("no segment was made before the load: beforeLoad() was not called");
        }
        List<String> found = new ArrayList<>();
        Set<String> accepted = accepted(ledger);
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(received(accepted));
        report(found, "accepted by a 2xx but never reached the segment service", missing);

        String recomputed = createSegment("recomputed from scratch");
        Set<String> backfilled = members(recomputed);
        // The followed segment may trail its last events by a moment: it gets that moment, not more.
        Tables.await(Duration.ofSeconds(30), () -> members(liveSegment).equals(backfilled));
        Set<String> live = members(liveSegment);
        Set<String> onlyLive = new HashSet<>(live);
        onlyLive.removeAll(backfilled);
        Set<String> onlyBackfilled = new HashSet<>(backfilled);
        onlyBackfilled.removeAll(live);
        report(found, "members of the segment followed through the faults but not of its recomputation", onlyLive);
        report(found, "members of the recomputation but not of the segment followed through the faults", onlyBackfilled);
        if (backfilled.isEmpty()) {
            found.add("the recomputed segment has no members: the comparison would prove nothing");
        }
        History history = history(live);
        report(found, "people whose entries and exits of the followed segment do not alternate (one recorded twice)",
                history.twice());
        report(found, "people whose last recorded change of the followed segment disagrees with the membership",
                history.disagreeing());
        System.out.printf("segment membership: %d accepted messages, %d missing from the segment service; members followed"
                        + " live %d, recomputed %d, only live %d, only recomputed %d; %d entries and exits recorded, %d"
                        + " published%n", accepted.size(), missing.size(), live.size(), backfilled.size(), onlyLive.size(),
                onlyBackfilled.size(), history.changes(), history.published());
        return found;
    }

    /** The followed segment's recorded entries and exits, checked person by person against its members. */
    private record History(long changes, long published, List<String> twice, List<String> disagreeing) {
    }

    private History history(Set<String> members) {
        record Changes(String profileId, List<String> changes, long published) {
        }
        List<Changes> all = tables.query(Service.SEGMENT, CHANGES, row -> new Changes(row.getString(1),
                List.of(row.getString(2).split(",")), row.getLong(3)), liveSegment);
        List<String> twice = new ArrayList<>();
        List<String> disagreeing = new ArrayList<>();
        for (Changes person : all) {
            for (int i = 0; i < person.changes().size(); i++) {
                if (!person.changes().get(i).equals(i % 2 == 0 ? "entered" : "exited")) {
                    twice.add(person.profileId());
                    break;
                }
            }
            boolean lastEntered = person.changes().get(person.changes().size() - 1).equals("entered");
            if (lastEntered != members.contains(person.profileId())) {
                disagreeing.add(person.profileId());
            }
        }
        Set<String> recorded = new HashSet<>(all.stream().map(Changes::profileId).toList());
        members.stream().filter(member -> !recorded.contains(member)).forEach(disagreeing::add);
        return new History(all.stream().mapToLong(person -> person.changes().size()).sum(),
                all.stream().mapToLong(Changes::published).sum(), twice, disagreeing);
    }

    private Set<String> accepted(Ledger ledger) {
        Set<String> accepted = new HashSet<>();
        sourceIds.forEach(source -> accepted.addAll(ledger.of(source).accepted()));
        return accepted;
    }

    private Set<String> received(Set<String> messageIds) {
        return new HashSet<>(tables.query(Service.SEGMENT, RECEIVED, row -> row.getString(1),
                (Object) messageIds.toArray(String[]::new)));
    }

    private Set<String> members(String segmentId) {
        return new HashSet<>(tables.query(Service.SEGMENT, MEMBERS, row -> row.getString(1), segmentId));
    }

    /** A segment with the rule, made through the API; its backfill is done when the answer comes. */
    private String createSegment(String what) {
        String token = Sensitive.value(platform.keycloak().token("marketer"));
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of(
                        "name", "Viewed sku-7, " + what + " " + UUID.randomUUID(),
                        "description", "The load's people who viewed one product: " + what,
                        "purpose", "personalization", "owner", "system-tests", "significant", false, "rule", RULE))
                .post(Service.SEGMENT.url() + "/v1/segments").then().statusCode(201).extract().path("segment.id");
    }
}
