package io.firstparty.profile.resolution.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.TraitsChanged;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.profile.config.ResolutionConfig;
import io.firstparty.profile.messaging.ChangePublisher;
import io.firstparty.profile.messaging.ChangePublisher.Outgoing;
import io.firstparty.profile.profiles.domain.TraitCandidate;
import io.firstparty.profile.profiles.repository.TraitRepository;
import io.firstparty.profile.resolution.domain.BatchGraph;
import io.firstparty.profile.resolution.domain.EventIdentifiers;
import io.firstparty.profile.resolution.domain.IdSource;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import io.firstparty.profile.resolution.domain.MergeDecision;
import io.firstparty.profile.resolution.domain.Resolution;
import io.firstparty.profile.resolution.repository.GraphRepository;
import io.firstparty.profile.rules.domain.RuleSet;
import io.firstparty.profile.rules.service.MergeRuleService;
import io.firstparty.profile.spaces.domain.SpaceDirectory;
import io.firstparty.profile.spaces.service.IdentitySpaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Resolves a poll of accepted events in one transaction: claim the message ids (a redelivery
 * changes nothing), lock and read the identifiers, decide per identity space, write, publish, commit.
 */
@ApplicationScoped
public class ResolutionService {

    private final DataSource dataSource;
    private final GraphRepository graphs;
    private final TraitRepository traits;
    private final MergeRuleService rules;
    private final IdentifierExtractor extractor;
    private final ChangePublisher publisher;
    private final ResolutionConfig config;
    private final IdentitySpaces spaces;

    ResolutionService(DataSource dataSource, GraphRepository graphs, TraitRepository traits, MergeRuleService rules,
                      IdentifierExtractor extractor, ChangePublisher publisher, ResolutionConfig config,
                      IdentitySpaces spaces) {
        this.dataSource = dataSource;
        this.graphs = graphs;
        this.traits = traits;
        this.rules = rules;
        this.extractor = extractor;
        this.publisher = publisher;
        this.config = config;
        this.spaces = spaces;
    }

    /**
     * Resolves each event in the identity space of its brand; spaces never share a profile. Every
     * identifier of the poll is locked first, in one global order, then each space is resolved in turn.
     */
    @Transactional(rollbackOn = Exception.class)
    public void apply(List<IncomingEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<IncomingEvent> fresh = graphs.claim(connection, events);
            if (fresh.isEmpty()) {
                return;
            }
            RuleSet ruleSet = rules.current();
            SpaceDirectory directory = spaces.directory();
            Map<String, Map<IncomingEvent, EventIdentifiers>> bySpace = new TreeMap<>();
            Map<String, Set<Identifier>> lookupsBySpace = new HashMap<>();
            Set<Identifier> lookups = new LinkedHashSet<>();
            for (IncomingEvent incoming : fresh) {
                String space = directory.spaceOf(incoming.event().brand());
                EventIdentifiers identifiers = extractor.extract(incoming.event(), ruleSet);
                bySpace.computeIfAbsent(space, s -> new LinkedHashMap<>()).put(incoming, identifiers);
                Set<Identifier> ofSpace = lookupsBySpace.computeIfAbsent(space, s -> new LinkedHashSet<>());
                ofSpace.addAll(identifiers.linkable());
                identifiers.previousId().ifPresent(previous -> {
                    ofSpace.add(new Identifier(IdentifierType.USER_ID, previous));
                    ofSpace.add(new Identifier(IdentifierType.ANONYMOUS_ID, previous));
                });
            }
            lookupsBySpace.values().forEach(lookups::addAll);
            graphs.lock(connection, lookups);
            Set<String> erased = graphs.erased(connection, lookups);
            Map<String, Integer> ranks = graphs.sourceRanks(connection);
            List<Outgoing> records = new ArrayList<>();
            for (Map.Entry<String, Map<IncomingEvent, EventIdentifiers>> space : bySpace.entrySet()) {
                records.addAll(resolve(connection, space.getKey(), space.getValue(), lookupsBySpace.get(space.getKey()),
                        ruleSet, erased, ranks));
            }
            publisher.publish(records);
        }
    }

    private List<Outgoing> resolve(Connection connection, String space, Map<IncomingEvent, EventIdentifiers> offered,
                                   Set<Identifier> lookups, RuleSet ruleSet, Set<String> erased,
                                   Map<String, Integer> ranks) throws SQLException {
        BatchGraph graph = graphs.load(connection, space, lookups);
        Resolver resolver = new Resolver(ruleSet, config.mergeStormLimit(), graph, erased, IdSource.FROM_EVENTS);
        offered.forEach(resolver::resolve);
        Resolution resolution = resolver.result();
        graphs.write(connection, space, resolution, graph);

        List<TraitCandidate> changed = traits.offer(connection, traitCandidates(resolution, graph, ranks));
        traits.rebuild(connection, resolution.merges().stream().map(merge -> graph.root(merge.survivorId())).distinct().toList());
        return outgoing(resolution, graph, offered, changed);
    }

    /** The record announcing a merge: consumers fold what they hold of the absorbed profile into the survivor. */
    public static Outgoing merged(MergeDecision merge, Instant at) {
        return new Outgoing(Topics.PROFILE_CHANGES, new ProfileMerged(ProfileMerged.CURRENT_VERSION,
                merge.survivorId().toString(), merge.absorbedId().toString(), merge.id().toString(),
                merge.rule() + ": " + merge.reason(), at));
    }

    /** The winning value of each trait per profile in this poll; {@code traits} over {@code context.traits}. */
    private static List<TraitCandidate> traitCandidates(Resolution resolution, BatchGraph graph, Map<String, Integer> ranks) {
        Map<String, TraitCandidate> winners = new LinkedHashMap<>();
        for (Resolution.Placement placement : resolution.placements) {
            EventAccepted event = placement.incoming().event();
            UUID profile = graph.root(placement.profileId());
            int rank = ranks.getOrDefault(event.sourceId(), 0);
            JsonNode contextTraits = event.context() == null ? null : event.context().get("traits");
            for (JsonNode traits : new JsonNode[]{contextTraits, event.traits()}) {
                if (traits instanceof ObjectNode object) {
                    object.properties().forEach(trait -> {
                        TraitCandidate candidate = new TraitCandidate(profile, trait.getKey(), trait.getValue(),
                                event.sourceId(), event.messageId(), event.timestamp(), rank);
                        winners.merge(profile + "/" + trait.getKey(), candidate,
                                (held, offered) -> offered.beats(held) || offered.occurredAt().equals(held.occurredAt()) ? offered : held);
                    });
                }
            }
        }
        return new ArrayList<>(winners.values());
    }

    private static List<Outgoing> outgoing(Resolution resolution, BatchGraph graph, Map<IncomingEvent, EventIdentifiers> offered,
                                           List<TraitCandidate> changed) {
        Instant now = Instant.now();
        List<Outgoing> records = new ArrayList<>();
        for (MergeDecision merge : resolution.merges()) {
            records.add(merged(merge, now));
        }
        for (Resolution.Placement placement : resolution.placements) {
            UUID profile = graph.root(placement.profileId());
            Set<Identifier> known = new LinkedHashSet<>(graph.strongIdentifiers(profile));
            offered.get(placement.incoming()).linkable().stream()
                    .filter(identifier -> profile.equals(graph.profileOf(identifier)))
                    .forEach(known::add);
            records.add(new Outgoing(Topics.IDENTITIES_RESOLVED, new IdentityResolved(IdentityResolved.CURRENT_VERSION,
                    profile.toString(), placement.incoming().event().messageId(), List.copyOf(known), now,
                    placement.incoming().event())));
        }
        Map<String, List<TraitCandidate>> byEvent = new LinkedHashMap<>();
        changed.forEach(trait -> byEvent.computeIfAbsent(trait.profileId() + "/" + trait.messageId(), key -> new ArrayList<>()).add(trait));
        for (List<TraitCandidate> traitsOfEvent : byEvent.values()) {
            TraitCandidate first = traitsOfEvent.get(0);
            Map<String, JsonNode> values = new LinkedHashMap<>();
            traitsOfEvent.forEach(trait -> values.put(trait.name(), trait.value()));
            records.add(new Outgoing(Topics.PROFILE_CHANGES, new TraitsChanged(TraitsChanged.CURRENT_VERSION,
                    first.profileId().toString(), values, first.sourceId(), first.messageId(), now)));
        }
        return records;
    }
}
