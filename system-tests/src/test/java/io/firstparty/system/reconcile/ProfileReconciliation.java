package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Service;
import io.firstparty.system.platform.SteadyLoad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.firstparty.system.reconcile.ArchiveReconciliation.report;

/**
 * profile-service's resolution against the load, per source: every message id a 2xx accepted is
 * resolved onto a profile ({@code profile_event}, one row per message id), none is resolved that the
 * load did not send, and the grouping of the messages into profiles is the one a recomputation from
 * scratch gives.
 *
 * <p>The recomputation is the load's own ground truth, not a second profile-service fed the same
 * topic: each message of the load names one user id and nothing else that identifies, and each brand
 * resolves in a space of its own, so the messages of one (source, user id) must make exactly one
 * profile and no profile may hold two. That truth does not come from the code under test, so it also
 * catches a resolution that is wrong the same way every time; and a second profile-service would
 * publish its own resolutions on the topics segment-service and consent-service consume, changing the
 * very state the other reconciliations compare.
 */
final class ProfileReconciliation extends PerSourceReconciliation {

    private static final String RESOLVED =
            "SELECT message_id, profile_id::text FROM profile_event WHERE source_id = ? AND message_id LIKE 'load-%'";

    ProfileReconciliation(LocalPlatform platform, List<Brand> brands) {
        super(platform, brands);
    }

    @Override
    public String name() {
        return "profile resolution";
    }

    @Override
    protected boolean caughtUp(Brand brand, Ledger.SourceLedger expected) {
        return resolved(brand).keySet().containsAll(expected.accepted());
    }

    @Override
    protected List<String> discrepancies(Brand brand, Ledger.SourceLedger expected) {
        Map<String, String> profileOfMessage = resolved(brand);
        String source = "source " + brand.sourceId() + ": ";
        List<String> found = new ArrayList<>();

        Set<String> lost = new HashSet<>(expected.accepted());
        lost.removeAll(profileOfMessage.keySet());
        report(found, source + "accepted by a 2xx but resolved onto no profile", lost);
        // A failed request may have reached Kafka before it failed: its valid messages may be resolved without a 2xx.
        Set<String> invented = new HashSet<>(profileOfMessage.keySet());
        invented.removeAll(expected.accepted());
        invented.removeAll(expected.retried());
        invented.removeAll(expected.abandoned());
        report(found, source + "resolved but never accepted by a 2xx nor sent in a failed request", invented);
        Set<String> invalid = new HashSet<>(expected.rejected());
        invalid.retainAll(profileOfMessage.keySet());
        report(found, source + "rejected by a 2xx yet resolved onto a profile", invalid);

        Map<String, Set<String>> profilesOfPerson = new HashMap<>();
        Map<String, Set<String>> peopleOfProfile = new HashMap<>();
        profileOfMessage.forEach((messageId, profile) -> {
            String person = SteadyLoad.userIdOf(messageId);
            profilesOfPerson.computeIfAbsent(person, ignored -> new HashSet<>()).add(profile);
            peopleOfProfile.computeIfAbsent(profile, ignored -> new HashSet<>()).add(person);
        });
        List<String> split = profilesOfPerson.entrySet().stream().filter(person -> person.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        List<String> fused = peopleOfProfile.entrySet().stream().filter(profile -> profile.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        report(found, source + "people whose messages went to more than one profile", split);
        report(found, source + "profiles holding the messages of more than one person", fused);
        System.out.printf("%s accepted by a 2xx %d, resolved %d (without a 2xx %d), lost %d; %d people in %d profiles:"
                        + " split %d, fused %d%n", source, expected.accepted().size(), profileOfMessage.size(),
                profileOfMessage.size() - (expected.accepted().size() - lost.size()), lost.size(),
                profilesOfPerson.size(), peopleOfProfile.size(), split.size(), fused.size());
        if (profileOfMessage.isEmpty()) {
            found.add(source + "nothing resolved: the comparison would prove nothing");
        }
        return found;
    }

    /** The profile each of the source's load messages was resolved onto, by message id (its primary key). */
    private Map<String, String> resolved(Brand brand) {
        Map<String, String> profiles = new HashMap<>();
        tables.query(Service.PROFILE, RESOLVED, row -> profiles.put(row.getString(1), row.getString(2)), brand.sourceId());
        return profiles;
    }
}
