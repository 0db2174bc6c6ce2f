package io.firstparty.segment.segments.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.service.RuleParser;
import io.firstparty.segment.segments.domain.CompiledSegment;
import io.firstparty.segment.segments.domain.Segment;
import io.firstparty.segment.segments.domain.SegmentVersion;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active segments in the order they must be evaluated: a segment after every segment its
 * rule refers to, so an outer segment sees the inner one's new membership at once. Definitions are
 * read from the database each time (another replica may have changed them); only parsed rules,
 * which never change for a given version, are remembered.
 */
@ApplicationScoped
public class ActiveSegments {

    private final Map<String, Rule> parsed = new ConcurrentHashMap<>();

    /** Must run inside a transaction. */
    public List<CompiledSegment> inDependencyOrder() {
        Map<UUID, CompiledSegment> byId = new LinkedHashMap<>();
        for (Segment segment : Segment.active()) {
            byId.put(segment.id, compile(segment));
        }
        List<CompiledSegment> ordered = new ArrayList<>();
        Set<UUID> placed = new HashSet<>();
        byId.values().forEach(segment -> place(segment, byId, placed, ordered));
        return ordered;
    }

    /** The segment and every active segment that depends on it, directly or not, in evaluation order. */
    public List<CompiledSegment> withDependents(UUID segmentId) {
        Set<UUID> affected = new HashSet<>(Set.of(segmentId));
        List<CompiledSegment> result = new ArrayList<>();
        for (CompiledSegment segment : inDependencyOrder()) {
            if (affected.contains(segment.id()) || segment.rule().referencedSegments().stream().anyMatch(affected::contains)) {
                affected.add(segment.id());
                result.add(segment);
            }
        }
        return result;
    }

    public Rule rule(SegmentVersion version) {
        return parsed.computeIfAbsent(version.segmentId + ":" + version.version, key -> {
            try {
                return RuleParser.parse(ContractJson.MAPPER.readTree(version.rule), "/rule");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored rule of segment " + version.segmentId + " is not JSON", e);
            }
        });
    }

    private CompiledSegment compile(Segment segment) {
        SegmentVersion version = SegmentVersion.of(segment.id, segment.currentVersion).orElseThrow(
                () -> new IllegalStateException("segment " + segment.id + " lacks its version " + segment.currentVersion));
        return new CompiledSegment(segment.id, segment.currentVersion, segment.purpose, rule(version));
    }

    /** Depth first: references before the segment; validation refuses cycles, an archived reference is skipped. */
    private static void place(CompiledSegment segment, Map<UUID, CompiledSegment> byId, Set<UUID> placed,
                              List<CompiledSegment> ordered) {
        if (!placed.add(segment.id())) {
            return;
        }
        for (UUID reference : segment.rule().referencedSegments()) {
            CompiledSegment inner = byId.get(reference);
            if (inner != null) {
                place(inner, byId, placed, ordered);
            }
        }
        ordered.add(segment);
    }
}
