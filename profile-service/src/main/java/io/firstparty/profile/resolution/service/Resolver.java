package io.firstparty.profile.resolution.service;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.profile.resolution.domain.BatchGraph;
import io.firstparty.profile.resolution.domain.EventIdentifiers;
import io.firstparty.profile.resolution.domain.IdSource;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import io.firstparty.profile.resolution.domain.MergeDecision;
import io.firstparty.profile.resolution.domain.Rejection;
import io.firstparty.profile.resolution.domain.Resolution;
import io.firstparty.profile.rules.domain.RuleSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, event by event, which profile an event belongs to and which profiles it joins, on the
 * part of the graph a poll touches. Rules, in order:
 * <ol>
 *   <li>The event lands on the profile of its highest-priority known identifier.</li>
 *   <li>Two profiles reached by strong identifiers (user id, e-mail, phone, card, declared ids) merge
 *       unless the merged profile would hold more of a type than its limit (anonymous ids count too);
 *       then the merge waits for review. An identifier past its type's limit is not linked.</li>
 *   <li>A profile reached only through an anonymous id (a device) merges only if it holds no different
 *       strong identifier of a type the other side holds: a kiosk never fuses two identified people.</li>
 *   <li>Each refusal counts against the identifiers that linked; past the type's threshold the value
 *       is shared, taken off its profile and links nobody again.</li>
 *   <li>One event joining more profiles than the storm limit merges none of them; they wait for review.</li>
 * </ol>
 */
public final class Resolver {

    private final RuleSet rules;
    private final int stormLimit;
    private final BatchGraph graph;
    private final Set<String> erasedHashes;
    private final IdSource ids;
    private final Resolution result = new Resolution();
    private IncomingEvent current;
    private int idsOfCurrent;

    public Resolver(RuleSet rules, int stormLimit, BatchGraph graph, Set<String> erasedHashes, IdSource ids) {
        this.rules = rules;
        this.stormLimit = stormLimit;
        this.graph = graph;
        this.erasedHashes = erasedHashes;
        this.ids = ids;
    }

    public Resolution result() {
        return result;
    }

    public void resolve(IncomingEvent incoming, EventIdentifiers offered) {
        current = incoming;
        idsOfCurrent = 0;
        String messageId = incoming.event().messageId();
        List<Identifier> identifiers = withPreviousId(offered);
        if (identifiers.stream().anyMatch(identifier -> erasedHashes.contains(identifier.hash()))) {
            result.erasedEvents++;
            return;
        }
        result.rejections.addAll(offered.rejected());

        Map<UUID, List<Identifier>> reached = new LinkedHashMap<>();
        Set<UUID> reachedStrongly = new HashSet<>();
        List<Identifier> fresh = new ArrayList<>();
        UUID inertProfile = null;
        for (Identifier identifier : identifiers) {
            BatchGraph.Node node = graph.node(identifier);
            if (node == null) {
                fresh.add(identifier);
            } else if (!node.links()) {
                inertProfile = inertProfile == null ? node.profileId : inertProfile;
            } else {
                UUID profile = graph.root(node.profileId);
                reached.computeIfAbsent(profile, p -> new ArrayList<>()).add(identifier);
                if (RuleSet.strong(identifier.type())) {
                    reachedStrongly.add(profile);
                }
            }
        }
        List<UUID> candidates = new ArrayList<>(reached.keySet());
        candidates.sort(Comparator.comparingInt((UUID profile) -> bestPriority(reached.get(profile))).reversed());

        UUID target = candidates.isEmpty() ? null : candidates.get(0);
        boolean targetStrong = target != null && reachedStrongly.contains(target);
        List<UUID> others = candidates.size() > 1 ? candidates.subList(1, candidates.size()) : List.of();
        if (others.size() > stormLimit) {
            for (UUID other : others) {
                decide(target, other, MergeDecision.PENDING_REVIEW, "merge-storm",
                        "one event would join " + candidates.size() + " profiles; at most " + (stormLimit + 1)
                                + " merge at once", messageId, reached.get(other));
            }
            others = List.of();
        }
        List<Identifier> freshStrong = fresh.stream().filter(identifier -> RuleSet.strong(identifier.type())).toList();
        for (UUID other : others) {
            join(target, targetStrong, other, reachedStrongly.contains(other), freshStrong, reached, messageId);
        }
        UUID landing = attachFresh(target, targetStrong, fresh, freshStrong, reached, messageId);
        if (landing == null) {
            landing = inertProfile != null ? inertProfile : newProfile();
        }
        result.placements.add(new Resolution.Placement(incoming, landing));
    }

    /** An alias's previous id is the user id the graph knows, else an anonymous id. */
    private List<Identifier> withPreviousId(EventIdentifiers offered) {
        List<Identifier> identifiers = new ArrayList<>(offered.linkable());
        offered.previousId().ifPresent(previous -> {
            Identifier asUser = new Identifier(IdentifierType.USER_ID, previous);
            Identifier chosen = graph.node(asUser) != null ? asUser : new Identifier(IdentifierType.ANONYMOUS_ID, previous);
            if (!identifiers.contains(chosen) && !rules.blocked(chosen)) {
                identifiers.add(chosen);
            }
        });
        return identifiers;
    }

    private void join(UUID target, boolean targetStrong, UUID other, boolean otherStrong, List<Identifier> freshStrong,
                      Map<UUID, List<Identifier>> reached, String messageId) {
        List<Identifier> linking = reached.get(other);
        if (graph.unmerged(target, other)) {
            decide(target, other, MergeDecision.REFUSED, "unmerged", "an admin split these profiles", messageId, linking);
            return;
        }
        boolean weak = !targetStrong || !otherStrong;
        IdentifierType conflict = weak ? conflict(graph.strongOf(other), graph.strongOf(target), freshStrong) : null;
        if (conflict != null) {
            decide(target, other, MergeDecision.REFUSED, "weak-link",
                    "an anonymous id seen with two identified people (different " + conflict.code() + ")", messageId, linking);
            countConflicts(linking);
            return;
        }
        IdentifierType over = overLimit(graph.strongOf(target), graph.strongOf(other), freshStrong);
        if (over == null && graph.anonymousIdsOf(target) + graph.anonymousIdsOf(other)
                > rules.of(IdentifierType.ANONYMOUS_ID).maxPerProfile()) {
            over = IdentifierType.ANONYMOUS_ID;
        }
        if (over != null) {
            decide(target, other, MergeDecision.PENDING_REVIEW, "limit:" + over.code(),
                    "a profile holds at most " + rules.of(over).maxPerProfile() + " " + over.code(), messageId, linking);
            countConflicts(linking);
            return;
        }
        List<Identifier> both = new ArrayList<>(reached.get(target));
        both.addAll(linking);
        decide(target, other, MergeDecision.MERGED, linking.get(0).type().code(),
                "seen together in one event", messageId, both);
        graph.merge(target, other);
    }

    /**
     * Links the event's new identifiers to the target. When they belong to someone else (a device's
     * profile holds different strong identifiers, or a higher-priority identifier would break a
     * limit), they start a profile of their own, the event lands there and the link is logged as refused.
     *
     * @return the profile the event lands on, or null when there is neither a target nor a new identifier
     */
    private UUID attachFresh(UUID target, boolean targetStrong, List<Identifier> fresh, List<Identifier> freshStrong,
                             Map<UUID, List<Identifier>> reached, String messageId) {
        if (fresh.isEmpty()) {
            return target;
        }
        if (target == null) {
            UUID created = newProfile();
            attachWithinLimits(created, fresh, messageId);
            return created;
        }
        List<Identifier> linking = reached.get(target);
        IdentifierType conflict = targetStrong ? null : conflict(graph.strongOf(target), Map.of(), freshStrong);
        IdentifierType outranking = freshStrong.stream()
                .filter(identifier -> wouldExceed(target, identifier) && rules.priority(identifier.type()) > bestPriority(linking))
                .map(Identifier::type).findFirst().orElse(null);
        if (conflict == null && outranking == null) {
            attachWithinLimits(target, fresh, messageId);
            return target;
        }
        UUID created = newProfile();
        attachWithinLimits(created, fresh, messageId);
        if (conflict != null) {
            decide(target, created, MergeDecision.REFUSED, "weak-link",
                    "an anonymous id seen with two identified people (different " + conflict.code() + ")", messageId, linking);
        } else {
            decide(target, created, MergeDecision.PENDING_REVIEW, "limit:" + outranking.code(),
                    "a profile holds at most " + rules.of(outranking).maxPerProfile() + " " + outranking.code(), messageId, linking);
        }
        countConflicts(linking);
        return created;
    }

    private void attachWithinLimits(UUID profile, List<Identifier> fresh, String messageId) {
        for (Identifier identifier : fresh) {
            if (wouldExceed(profile, identifier)) {
                result.rejections.add(Rejection.of(messageId, identifier.type(),
                        "a profile holds at most " + rules.of(identifier.type()).maxPerProfile() + " " + identifier.type().code()));
            } else {
                graph.attach(identifier, profile, messageId);
            }
        }
    }

    private boolean wouldExceed(UUID profile, Identifier identifier) {
        if (!RuleSet.strong(identifier.type())) {
            return graph.anonymousIdsOf(profile) + 1 > rules.of(identifier.type()).maxPerProfile();
        }
        Set<String> held = graph.strongOf(profile).getOrDefault(identifier.type(), Set.of());
        return !held.contains(identifier.value()) && held.size() + 1 > rules.of(identifier.type()).maxPerProfile();
    }

    /** A strong type both sides hold with no value in common: two different people. */
    private static IdentifierType conflict(Map<IdentifierType, Set<String>> one, Map<IdentifierType, Set<String>> other,
                                           List<Identifier> freshStrong) {
        for (Map.Entry<IdentifierType, Set<String>> held : one.entrySet()) {
            Set<String> theirs = new HashSet<>(other.getOrDefault(held.getKey(), Set.of()));
            freshStrong.stream().filter(identifier -> identifier.type() == held.getKey())
                    .forEach(identifier -> theirs.add(identifier.value()));
            if (!held.getValue().isEmpty() && !theirs.isEmpty() && theirs.stream().noneMatch(held.getValue()::contains)) {
                return held.getKey();
            }
        }
        return null;
    }

    private IdentifierType overLimit(Map<IdentifierType, Set<String>> one, Map<IdentifierType, Set<String>> other,
                                     List<Identifier> freshStrong) {
        Set<IdentifierType> types = new HashSet<>(one.keySet());
        types.addAll(other.keySet());
        for (IdentifierType type : types) {
            Set<String> union = new HashSet<>(one.getOrDefault(type, Set.of()));
            union.addAll(other.getOrDefault(type, Set.of()));
            freshStrong.stream().filter(identifier -> identifier.type() == type).forEach(identifier -> union.add(identifier.value()));
            if (union.size() > rules.of(type).maxPerProfile()) {
                return type;
            }
        }
        return null;
    }

    private void countConflicts(List<Identifier> linking) {
        for (Identifier identifier : linking) {
            BatchGraph.Node node = graph.node(identifier);
            node.conflicts++;
            node.changed = true;
            if (node.links() && node.conflicts >= rules.of(identifier.type()).sharedAfter()) {
                graph.detach(identifier, BatchGraph.SHARED, newProfile());
            }
        }
    }

    private int bestPriority(List<Identifier> identifiers) {
        return identifiers.stream().mapToInt(identifier -> rules.priority(identifier.type())).max().orElse(0);
    }

    private UUID nextId() {
        return ids.next(current.event().sourceId(), current.event().messageId(), idsOfCurrent++);
    }

    private UUID newProfile() {
        UUID id = nextId();
        result.newProfiles.add(id);
        return id;
    }

    private void decide(UUID survivor, UUID absorbed, String status, String rule, String reason, String messageId,
                        List<Identifier> linking) {
        result.decisions.add(new MergeDecision(nextId(), survivor, absorbed, status, rule, reason, messageId,
                linking.stream().map(Identifier::key).distinct().toList()));
    }
}
