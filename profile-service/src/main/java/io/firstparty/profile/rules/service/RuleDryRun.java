package io.firstparty.profile.rules.service;

import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.profile.config.ResolutionConfig;
import io.firstparty.profile.resolution.domain.BatchGraph;
import io.firstparty.profile.resolution.domain.IdSource;
import io.firstparty.profile.resolution.domain.Resolution;
import io.firstparty.profile.resolution.service.IdentifierExtractor;
import io.firstparty.profile.resolution.service.Resolver;
import io.firstparty.profile.rules.domain.DryRunReport;
import io.firstparty.profile.rules.domain.MergeRuleChange;
import io.firstparty.profile.rules.domain.RuleSet;
import io.firstparty.profile.rules.repository.HistoryRepository;
import io.firstparty.profile.rules.repository.HistoryRepository.StoredEvent;
import io.firstparty.profile.spaces.domain.SpaceDirectory;
import io.firstparty.profile.spaces.service.IdentitySpaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Replays stored history under the rules in force and under a proposed change, in memory, and compares. */
@ApplicationScoped
public class RuleDryRun {

    private static final int MAX_LISTED = 100;

    private final MergeRuleService rules;
    private final HistoryRepository history;
    private final IdentifierExtractor extractor;
    private final ResolutionConfig config;
    private final IdentitySpaces spaces;

    RuleDryRun(MergeRuleService rules, HistoryRepository history, IdentifierExtractor extractor, ResolutionConfig config,
               IdentitySpaces spaces) {
        this.rules = rules;
        this.history = history;
        this.extractor = extractor;
        this.config = config;
        this.spaces = spaces;
    }

    @Transactional(rollbackOn = Exception.class)
    public DryRunReport run(String typeCode, MergeRuleChange change) throws SQLException {
        IdentifierType type = IdentifierType.parse(typeCode)
                .orElseThrow(() -> new InvalidInputException("/identifierType", "must be a known identifier type"));
        RuleSet current = rules.current();
        List<StoredEvent> events = history.oldestFirst(config.dryRunEvents() + 1);
        boolean truncated = events.size() > config.dryRunEvents();
        if (truncated) {
            events = events.subList(0, config.dryRunEvents());
        }
        SpaceDirectory directory = spaces.directory();
        Map<String, UUID> before = replay(current, directory, events);
        Map<String, UUID> after = replay(current.with(type, change), directory, events);

        Map<UUID, Set<UUID>> beforeGroupsOfAfter = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> afterGroupsOfBefore = new LinkedHashMap<>();
        Map<UUID, Set<UUID>> profilesOfAfter = new HashMap<>();
        Map<UUID, Set<UUID>> profilesOfBefore = new HashMap<>();
        for (StoredEvent event : events) {
            String id = event.incoming().event().messageId();
            UUID was = before.get(id);
            UUID will = after.get(id);
            beforeGroupsOfAfter.computeIfAbsent(will, g -> new LinkedHashSet<>()).add(was);
            afterGroupsOfBefore.computeIfAbsent(was, g -> new LinkedHashSet<>()).add(will);
            profilesOfAfter.computeIfAbsent(will, g -> new LinkedHashSet<>()).add(event.profileId());
            profilesOfBefore.computeIfAbsent(was, g -> new LinkedHashSet<>()).add(event.profileId());
        }
        List<List<UUID>> wouldMerge = new ArrayList<>();
        beforeGroupsOfAfter.forEach((group, joined) -> {
            if (joined.size() > 1 && wouldMerge.size() < MAX_LISTED) {
                wouldMerge.add(List.copyOf(profilesOfAfter.get(group)));
            }
        });
        Set<UUID> wouldSplit = new LinkedHashSet<>();
        afterGroupsOfBefore.forEach((group, spread) -> {
            if (spread.size() > 1 && wouldSplit.size() < MAX_LISTED) {
                wouldSplit.addAll(profilesOfBefore.get(group));
            }
        });
        return new DryRunReport(events.size(), truncated, afterGroupsOfBefore.size(), beforeGroupsOfAfter.size(),
                wouldMerge, List.copyOf(wouldSplit));
    }

    /** Resolves the events from an empty graph, each identity space on its own; returns the group each event ends in. */
    private Map<String, UUID> replay(RuleSet ruleSet, SpaceDirectory directory, List<StoredEvent> events) {
        Map<String, BatchGraph> graphs = new HashMap<>();
        Map<String, Resolver> resolvers = new HashMap<>();
        for (StoredEvent event : events) {
            String space = directory.spaceOf(event.incoming().event().brand());
            BatchGraph graph = graphs.computeIfAbsent(space, s -> BatchGraph.empty());
            resolvers.computeIfAbsent(space, s -> new Resolver(ruleSet, config.mergeStormLimit(), graph, Set.of(), IdSource.RANDOM))
                    .resolve(event.incoming(), extractor.extract(event.incoming().event(), ruleSet));
        }
        Map<String, UUID> groups = new HashMap<>();
        resolvers.forEach((space, resolver) -> {
            for (Resolution.Placement placement : resolver.result().placements) {
                groups.put(placement.incoming().event().messageId(), graphs.get(space).root(placement.profileId()));
            }
        });
        return groups;
    }
}
