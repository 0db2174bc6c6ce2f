package io.firstparty.profile.reresolution.service;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.IdentifierRemoved;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.profile.config.ResolutionConfig;
import io.firstparty.profile.messaging.ChangePublisher.Outgoing;
import io.firstparty.profile.profiles.repository.TraitRepository;
import io.firstparty.profile.reresolution.domain.ReResolution;
import io.firstparty.profile.reresolution.repository.ReResolutionRepository;
import io.firstparty.profile.resolution.domain.BatchGraph;
import io.firstparty.profile.resolution.domain.EventIdentifiers;
import io.firstparty.profile.resolution.domain.IdSource;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import io.firstparty.profile.resolution.domain.MergeDecision;
import io.firstparty.profile.resolution.domain.Resolution;
import io.firstparty.profile.resolution.repository.GraphRepository;
import io.firstparty.profile.resolution.service.ResolutionService;
import io.firstparty.profile.resolution.service.Resolver;
import io.firstparty.profile.rules.domain.RuleSet;
import io.firstparty.profile.spaces.domain.SpaceDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Re-resolves one existing profile under the current rules and identity spaces, with the same
 * locks and the same {@link Resolver} as new events:
 * <ol>
 *   <li>a profile of a brand now linked into a shared space moves there; where the shared space
 *       already knows one of its identifiers, the two profiles are offered to the resolver as if one
 *       event carried all of the profile's identifiers, so limits, the anonymous-id rule and earlier
 *       unmerges decide whether they merge;</li>
 *   <li>identifiers whose value the rules now block, or whose conflicts reached the type's shared
 *       threshold, are taken off their profile and link nobody again.</li>
 * </ol>
 */
@ApplicationScoped
public class ProfileReResolver {

    private final ReResolutionRepository repository;
    private final GraphRepository graphs;
    private final TraitRepository traits;
    private final ResolutionConfig config;

    ProfileReResolver(ReResolutionRepository repository, GraphRepository graphs, TraitRepository traits,
                      ResolutionConfig config) {
        this.repository = repository;
        this.graphs = graphs;
        this.traits = traits;
        this.config = config;
    }

    public void reResolve(Connection connection, UUID jobId, UUID profile, RuleSet rules, SpaceDirectory spaces,
                          ReResolution tally) throws SQLException {
        Optional<String> held = repository.spaceOfRoot(connection, profile);
        if (held.isEmpty()) {
            return;
        }
        String space = spaces.currentSpace(held.get());
        List<Identifier> identifiers = repository.linkedIdentifiers(connection, profile, held.get());
        graphs.lock(connection, identifiers);
        if (!space.equals(held.get())) {
            repository.move(connection, profile, held.get(), space);
        }
        if (identifiers.isEmpty()) {
            return;
        }
        BatchGraph graph = graphs.load(connection, space, identifiers);
        Resolution resolution = new Resolution();
        List<Identifier> linking = new ArrayList<>();
        Instant now = Instant.now();
        for (Identifier identifier : identifiers) {
            BatchGraph.Node node = graph.node(identifier);
            String reason = node == null || !node.links() ? null : detachReason(identifier, node, rules);
            if (reason == null) {
                linking.add(identifier);
                continue;
            }
            UUID owner = graph.root(node.profileId);
            UUID own = UUID.randomUUID();
            resolution.newProfiles.add(own);
            graph.detach(identifier, rules.blocked(identifier) ? BatchGraph.REMOVED : BatchGraph.SHARED, own);
            tally.identifiersDetached++;
            tally.records.add(new Outgoing(Topics.PROFILE_CHANGES, new IdentifierRemoved(IdentifierRemoved.CURRENT_VERSION,
                    owner.toString(), identifier.type(), identifier.hash(), reason, now)));
        }
        if (!linking.isEmpty()) {
            // Every identifier is in the graph, so the resolver creates a profile only for a value it marks shared.
            Resolver resolver = new Resolver(rules, config.mergeStormLimit(), graph, Set.of(), IdSource.RANDOM);
            resolver.resolve(asOneEvent(jobId, linking, now), new EventIdentifiers(linking, Optional.empty(), List.of()));
            resolution.newProfiles.addAll(resolver.result().newProfiles);
            resolution.decisions.addAll(resolver.result().decisions);
        }
        graphs.write(connection, space, resolution, graph);
        traits.rebuild(connection, resolution.merges().stream().map(merge -> graph.root(merge.survivorId())).distinct().toList());
        for (MergeDecision decision : resolution.decisions) {
            if (decision.merged()) {
                tally.merges++;
                tally.records.add(ResolutionService.merged(decision, now));
            } else {
                tally.mergesRefused++;
            }
        }
    }

    private static String detachReason(Identifier identifier, BatchGraph.Node node, RuleSet rules) {
        if (rules.blocked(identifier)) {
            return "the value is blocked by the current merge rules";
        }
        if (node.conflicts >= rules.of(identifier.type()).sharedAfter()) {
            return "seen with " + node.conflicts + " different people: shared under the current merge rules";
        }
        return null;
    }

    /** The profile's identifiers as one event, so the resolver judges its links as it judges any event's. */
    private static IncomingEvent asOneEvent(UUID jobId, List<Identifier> identifiers, Instant now) {
        String messageId = "resolution-job:" + jobId;
        return new IncomingEvent(new EventAccepted(EventAccepted.CURRENT_VERSION, messageId, "resolution-job",
                EventType.IDENTIFY, null, null, null, null, null, null, null, null, null, null, Map.of(), identifiers,
                now, now, now), "{}");
    }
}
