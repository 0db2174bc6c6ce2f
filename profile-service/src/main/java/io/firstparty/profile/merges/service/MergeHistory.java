package io.firstparty.profile.merges.service;

import io.firstparty.profile.merges.domain.MergeLogEntry;
import io.firstparty.profile.merges.domain.MergeView;
import io.firstparty.profile.merges.domain.ProfileMerges;
import io.firstparty.profile.profiles.domain.LinkedIdentifier;
import io.firstparty.profile.profiles.domain.ProfileEntity;
import io.firstparty.profile.profiles.service.ProfileLookup;
import io.firstparty.profile.resolution.domain.MergeDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The merge tree of a profile: the profiles folded into it, and the log entries that tell how. */
@ApplicationScoped
public class MergeHistory {

    private final ProfileLookup lookup;

    MergeHistory(ProfileLookup lookup) {
        this.lookup = lookup;
    }

    /** The profile and every profile folded into it, directly or not. */
    public static Set<UUID> tree(UUID root) {
        Set<UUID> tree = new LinkedHashSet<>();
        Deque<UUID> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            UUID id = pending.pop();
            if (tree.add(id)) {
                ProfileEntity.<ProfileEntity>list("mergedInto", id).forEach(child -> pending.push(child.id));
            }
        }
        return tree;
    }

    @Transactional
    public ProfileMerges of(UUID id) {
        UUID root = lookup.survivor(id).id;
        Set<UUID> tree = tree(root);
        List<MergeLogEntry> entries = MergeLogEntry.list(
                "survivorId in ?1 or absorbedId in ?1 order by createdAt, id", tree);
        Map<UUID, MergeLogEntry> mergeOf = new HashMap<>();
        for (MergeLogEntry entry : entries) {
            if (MergeDecision.MERGED.equals(entry.status) && tree.contains(entry.absorbedId)) {
                mergeOf.put(entry.absorbedId, entry);
            }
        }
        List<ProfileMerges.IdentifierOrigin> identifiers = new ArrayList<>();
        for (LinkedIdentifier identifier : LinkedIdentifier.ofProfile(root)) {
            List<UUID> via = new ArrayList<>();
            UUID step = identifier.originProfileId;
            while (mergeOf.containsKey(step) && via.size() < tree.size()) {
                MergeLogEntry merge = mergeOf.get(step);
                via.add(merge.id);
                step = merge.survivorId;
            }
            identifiers.add(new ProfileMerges.IdentifierOrigin(identifier.type, identifier.value, identifier.status,
                    identifier.linkedBy, identifier.originProfileId, via));
        }
        return new ProfileMerges(root, identifiers, entries.stream().map(MergeView::of).toList());
    }
}
