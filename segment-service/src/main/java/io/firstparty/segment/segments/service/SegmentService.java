package io.firstparty.segment.segments.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.segment.config.SegmentConfig;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.membership.domain.Applied;
import io.firstparty.segment.membership.repository.MembershipRepository;
import io.firstparty.segment.membership.service.MembershipService;
import io.firstparty.segment.rules.domain.InSegment;
import io.firstparty.segment.rules.domain.Rule;
import io.firstparty.segment.rules.service.RuleCost;
import io.firstparty.segment.rules.service.RuleParser;
import io.firstparty.segment.rules.service.RuleSql;
import io.firstparty.segment.segments.domain.Preview;
import io.firstparty.segment.segments.domain.Saved;
import io.firstparty.segment.segments.domain.Segment;
import io.firstparty.segment.segments.domain.SegmentApproval;
import io.firstparty.segment.segments.domain.SegmentRequest;
import io.firstparty.segment.segments.domain.SegmentVersion;
import io.firstparty.segment.segments.domain.SegmentView;
import io.firstparty.segment.segments.domain.VersionView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Segment definitions: creation, new rule versions, approvals and archiving, each followed by its backfill. */
@ApplicationScoped
public class SegmentService {

    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 2_000;
    /** How many segments deep a chain of inSegment references may go. */
    private static final int MAX_REFERENCE_DEPTH = 4;

    private final ActiveSegments active;
    private final MembershipService membership;
    private final MembershipRepository members;
    private final ConsentRepository consent;
    private final SegmentConfig config;

    SegmentService(ActiveSegments active, MembershipService membership, MembershipRepository members,
                   ConsentRepository consent, SegmentConfig config) {
        this.active = active;
        this.membership = membership;
        this.members = members;
        this.consent = consent;
        this.config = config;
    }

    @Transactional
    public List<SegmentView> list() {
        return Segment.<Segment>listAll(Sort.by("name")).stream().map(this::view).toList();
    }

    @Transactional
    public SegmentView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public Saved create(SegmentRequest request, String user) throws SQLException {
        Rule rule = validate(request, null);
        if (Segment.count("name", request.name()) > 0) {
            throw new ConflictException("a segment named so already exists");
        }
        Segment segment = new Segment();
        segment.id = UUID.randomUUID();
        segment.name = request.name();
        segment.description = request.description();
        segment.purpose = request.purpose();
        segment.owner = request.owner();
        segment.significant = Boolean.TRUE.equals(request.significant());
        segment.status = Segment.ACTIVE;
        segment.currentVersion = 1;
        segment.createdAt = Instant.now();
        segment.persist();
        return saveVersion(segment, request.rule(), rule, user, "segment created");
    }

    @Transactional
    public Saved changeRule(UUID id, JsonNode ruleJson, String user) throws SQLException {
        Segment segment = active(id);
        Rule rule = validRule(ruleJson, id);
        segment.currentVersion += 1;
        return saveVersion(segment, ruleJson, rule, user, "rule version " + segment.currentVersion);
    }

    /** Parses, prices and sizes a rule without saving anything. */
    @Transactional
    public Preview preview(SegmentRequest request) throws SQLException {
        Rule rule = validate(request, null);
        long size = members.count(new RuleSql(config.timeZone(), Instant.now()).members(rule, null), config.queryTimeout());
        return new Preview(RuleCost.of(rule), config.maxRuleCost(), size);
    }

    @Transactional
    public SegmentView archive(UUID id) throws SQLException {
        Segment segment = active(id);
        List<String> users = Segment.<Segment>list("status", Segment.ACTIVE).stream()
                .filter(other -> !other.id.equals(id))
                .filter(other -> active.rule(version(other)).referencedSegments().contains(id))
                .map(other -> other.name).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("segments " + users + " refer to this one; change them first");
        }
        segment.status = Segment.ARCHIVED;
        members.removeAll(id, segment.currentVersion, "segment archived", Instant.now());
        return view(segment);
    }

    @Transactional
    public SegmentView approve(UUID id, Integer version, String note, String officer) {
        Segment segment = active(id);
        int approved = version == null ? segment.currentVersion : version;
        if (SegmentVersion.of(id, approved).isEmpty()) {
            throw new InvalidInputException("/version", "the segment has no version " + approved);
        }
        if (SegmentApproval.exists(id, approved)) {
            throw new ConflictException("version " + approved + " is already approved");
        }
        SegmentApproval approval = new SegmentApproval();
        approval.id = UUID.randomUUID();
        approval.segmentId = id;
        approval.version = approved;
        approval.approvedBy = officer;
        approval.note = note;
        approval.approvedAt = Instant.now();
        approval.persist();
        return view(segment);
    }

    @Transactional
    public List<VersionView> versions(UUID id) {
        find(id);
        return SegmentVersion.ofSegment(id).stream().map(version -> new VersionView(version.version, json(version.rule),
                version.createdBy, version.createdAt, SegmentApproval.exists(id, version.version))).toList();
    }

    /** The segment, if its members may be listed or exported: active, and approved when it may significantly affect people. */
    @Transactional
    public Segment listable(UUID id) {
        Segment segment = active(id);
        if (approvalPending(segment)) {
            throw new ConflictException("this segment may significantly affect people: a privacy officer must approve"
                    + " version " + segment.currentVersion + " before its members are listed or exported");
        }
        return segment;
    }

    @Transactional
    public Segment find(UUID id) {
        Segment segment = Segment.findById(id);
        if (segment == null) {
            throw new ResourceNotFoundException("no segment " + id);
        }
        return segment;
    }

    private Segment active(UUID id) {
        Segment segment = find(id);
        if (!segment.isActive()) {
            throw new ConflictException("the segment is archived");
        }
        return segment;
    }

    private Saved saveVersion(Segment segment, JsonNode ruleJson, Rule rule, String user, String cause)
            throws SQLException {
        SegmentVersion version = new SegmentVersion();
        version.id = UUID.randomUUID();
        version.segmentId = segment.id;
        version.version = segment.currentVersion;
        version.rule = ruleJson.toString();
        version.createdBy = user;
        version.createdAt = Instant.now();
        version.persist();
        Segment.flush();
        long started = System.nanoTime();
        Applied applied = membership.backfill(segment.id, cause);
        segment.expiryCheckedAt = Instant.now();
        return new Saved(view(segment), applied.entered(), applied.exited(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Checks the whole definition, reporting every broken rule at once. */
    private Rule validate(SegmentRequest request, UUID self) throws SQLException {
        if (request == null) {
            throw new InvalidInputException("/", "a segment definition is required");
        }
        List<Violation> violations = new ArrayList<>();
        text(request.name(), "/name", MAX_NAME, true, violations);
        text(request.description(), "/description", MAX_DESCRIPTION, false, violations);
        text(request.owner(), "/owner", MAX_NAME, true, violations);
        if (text(request.purpose(), "/purpose", MAX_NAME, true, violations) && !consent.purposeExists(request.purpose())) {
            violations.add(new Violation("/purpose", "unknown purpose: it must be a purpose defined in the consent service"));
        }
        Rule rule = null;
        try {
            rule = validRule(request.rule(), self);
        } catch (InvalidInputException broken) {
            violations.addAll(broken.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return rule;
    }

    private Rule validRule(JsonNode json, UUID self) {
        Rule rule = RuleParser.parse(json, "/rule");
        RuleCost.check(rule, config.maxRuleCost());
        List<Violation> violations = new ArrayList<>();
        for (var condition : rule.conditions()) {
            if (condition instanceof InSegment in) {
                checkReference(in, self, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return rule;
    }

    private void checkReference(InSegment in, UUID self, List<Violation> violations) {
        Segment inner = Segment.findById(in.segmentId());
        if (inner == null || !inner.isActive()) {
            violations.add(new Violation(in.pointer(), "no active segment has this id"));
            return;
        }
        Set<UUID> seen = new HashSet<>();
        List<UUID> frontier = List.of(in.segmentId());
        for (int depth = 1; !frontier.isEmpty(); depth++) {
            if (depth > MAX_REFERENCE_DEPTH) {
                violations.add(new Violation(in.pointer(), "segments refer to segments at most " + MAX_REFERENCE_DEPTH + " deep"));
                return;
            }
            List<UUID> next = new ArrayList<>();
            for (UUID id : frontier) {
                if (id.equals(self)) {
                    violations.add(new Violation(in.pointer(), "the segment would refer to itself"));
                    return;
                }
                Segment segment = Segment.findById(id);
                if (segment != null && seen.add(id)) {
                    next.addAll(active.rule(version(segment)).referencedSegments());
                }
            }
            frontier = next;
        }
    }

    private static boolean text(String value, String field, int max, boolean required, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return false;
        }
        if (value.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static SegmentVersion version(Segment segment) {
        return SegmentVersion.of(segment.id, segment.currentVersion).orElseThrow();
    }

    private static boolean approvalPending(Segment segment) {
        return segment.significant && !SegmentApproval.exists(segment.id, segment.currentVersion);
    }

    private SegmentView view(Segment segment) {
        return new SegmentView(segment.id, segment.name, segment.description, segment.purpose, segment.owner,
                segment.significant, segment.status, segment.currentVersion, approvalPending(segment), segment.createdAt,
                SegmentVersion.of(segment.id, segment.currentVersion).map(version -> json(version.rule)).orElse(null));
    }

    private static JsonNode json(String stored) {
        try {
            return ContractJson.MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rule is not JSON", e);
        }
    }
}
