package io.firstparty.profile.resolution.domain;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.profile.rules.domain.RuleSet;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The part of the identity graph one poll touches: its identifiers, the strong identifiers of the
 * profiles they belong to, and the merges made so far in the poll (a merged-away profile resolves
 * to its survivor through {@link #root}).
 */
public final class BatchGraph {

    public static final String LINKED = "linked";
    public static final String SHARED = "shared";
    public static final String REMOVED = "removed";

    /** Where an identifier points; {@code fresh} when this poll creates it. */
    public static final class Node {
        public UUID profileId;
        public UUID originProfileId;
        public String status;
        public int conflicts;
        public final boolean fresh;
        public boolean changed;
        public String linkedBy;

        public Node(UUID profileId, UUID originProfileId, String status, int conflicts, boolean fresh) {
            this.profileId = profileId;
            this.originProfileId = originProfileId;
            this.status = status;
            this.conflicts = conflicts;
            this.fresh = fresh;
        }

        public boolean links() {
            return LINKED.equals(status);
        }
    }

    private final Map<Identifier, Node> nodes;
    private final Map<UUID, Map<IdentifierType, Set<String>>> strong;
    private final Set<String> unmergedPairs;
    private final Map<UUID, Integer> anonymousIds;
    private final Map<UUID, UUID> absorbedInto = new HashMap<>();

    /** @param anonymousIds how many anonymous ids link to each profile */
    public BatchGraph(Map<Identifier, Node> nodes, Map<UUID, Map<IdentifierType, Set<String>>> strong,
                      Set<String> unmergedPairs, Map<UUID, Integer> anonymousIds) {
        this.nodes = new HashMap<>(nodes);
        this.strong = new HashMap<>(strong);
        this.unmergedPairs = unmergedPairs;
        this.anonymousIds = new HashMap<>(anonymousIds);
    }

    /** A graph that holds nothing yet, to replay history on. */
    public static BatchGraph empty() {
        return new BatchGraph(Map.of(), Map.of(), Set.of(), Map.of());
    }

    public static String pair(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    public Node node(Identifier identifier) {
        return nodes.get(identifier);
    }

    public Map<Identifier, Node> nodes() {
        return nodes;
    }

    public UUID root(UUID profileId) {
        UUID current = profileId;
        UUID next;
        while ((next = absorbedInto.get(current)) != null) {
            current = next;
        }
        return current;
    }

    public UUID profileOf(Identifier identifier) {
        Node node = nodes.get(identifier);
        return node == null ? null : root(node.profileId);
    }

    public Map<IdentifierType, Set<String>> strongOf(UUID profileId) {
        return strong.computeIfAbsent(root(profileId), id -> new EnumMap<>(IdentifierType.class));
    }

    /** Strong identifiers of a profile, as identifiers. */
    public List<Identifier> strongIdentifiers(UUID profileId) {
        return strongOf(profileId).entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> new Identifier(entry.getKey(), value)))
                .toList();
    }

    public int anonymousIdsOf(UUID profileId) {
        return anonymousIds.getOrDefault(root(profileId), 0);
    }

    public boolean unmerged(UUID a, UUID b) {
        return unmergedPairs.contains(pair(a, b));
    }

    public void attach(Identifier identifier, UUID profileId, String messageId) {
        Node node = new Node(profileId, profileId, LINKED, 0, true);
        node.linkedBy = messageId;
        nodes.put(identifier, node);
        if (RuleSet.strong(identifier.type())) {
            strongOf(profileId).computeIfAbsent(identifier.type(), type -> new LinkedHashSet<>()).add(identifier.value());
        } else {
            anonymousIds.merge(root(profileId), 1, Integer::sum);
        }
    }

    public void merge(UUID survivor, UUID absorbed) {
        Map<IdentifierType, Set<String>> absorbedStrong = strongOf(absorbed);
        Map<IdentifierType, Set<String>> survivorStrong = strongOf(survivor);
        absorbedStrong.forEach((type, values) ->
                survivorStrong.computeIfAbsent(type, t -> new LinkedHashSet<>()).addAll(values));
        strong.remove(absorbed);
        Integer absorbedAnonymous = anonymousIds.remove(root(absorbed));
        if (absorbedAnonymous != null) {
            anonymousIds.merge(root(survivor), absorbedAnonymous, Integer::sum);
        }
        absorbedInto.put(absorbed, survivor);
    }

    /** Takes a shared or removed identifier off its profile onto a profile of its own, where it links nobody. */
    public void detach(Identifier identifier, String status, UUID ownProfileId) {
        Node node = nodes.get(identifier);
        Set<String> values = strongOf(node.profileId).get(identifier.type());
        if (values != null) {
            values.remove(identifier.value());
        }
        if (!RuleSet.strong(identifier.type()) && node.links()) {
            anonymousIds.computeIfPresent(root(node.profileId), (profile, count) -> count - 1);
        }
        node.status = status;
        node.profileId = ownProfileId;
        node.originProfileId = ownProfileId;
        node.changed = true;
    }
}
