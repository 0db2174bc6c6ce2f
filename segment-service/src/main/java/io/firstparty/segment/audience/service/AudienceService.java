package io.firstparty.segment.audience.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.segment.audience.domain.ExportFormat;
import io.firstparty.segment.audience.domain.ExportRow;
import io.firstparty.segment.audience.domain.Insights;
import io.firstparty.segment.audience.domain.ProfileSegment;
import io.firstparty.segment.audience.repository.AudienceRepository;
import io.firstparty.segment.config.SegmentConfig;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.consent.service.ConsentFreshness;
import io.firstparty.segment.membership.domain.DailySize;
import io.firstparty.segment.membership.domain.Member;
import io.firstparty.segment.membership.domain.MembersPage;
import io.firstparty.segment.membership.repository.MembershipRepository;
import io.firstparty.segment.segments.domain.Segment;
import io.firstparty.segment.segments.service.SegmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Everything that lists, counts or exports people of a segment. Each path goes through the consent
 * check of {@link ConsentRepository#allows}: a person without a state that allows the segment's
 * purpose is never listed, counted or exported.
 */
@ApplicationScoped
public class AudienceService {

    private static final Pattern TRAIT = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final int MAX_TRAITS = 20;
    private static final int EXPORT_PAGE = 1_000;
    private static final int MAX_DAYS = 366;

    private final SegmentService segments;
    private final MembershipRepository membership;
    private final AudienceRepository audience;
    private final ConsentRepository consent;
    private final ConsentFreshness consentFreshness;
    private final SegmentConfig config;

    AudienceService(SegmentService segments, MembershipRepository membership, AudienceRepository audience,
                    ConsentRepository consent, ConsentFreshness consentFreshness, SegmentConfig config) {
        this.segments = segments;
        this.membership = membership;
        this.audience = audience;
        this.consent = consent;
        this.consentFreshness = consentFreshness;
        this.config = config;
    }

    public MembersPage members(UUID segmentId, String cursor, Integer limit) throws SQLException {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw new InvalidInputException("limit", "must be between 1 and " + config.maxPageSize());
        }
        String after = MemberCursor.read(segmentId, cursor);
        Segment segment = segments.listable(segmentId);
        List<Member> page = membership.allowedMembers(segmentId, segment.purpose, after, size);
        String next = page.size() == size ? MemberCursor.after(segmentId, page.get(page.size() - 1).profileId()) : null;
        return new MembersPage(page, next);
    }

    /** The segments the person is listed in; a privacy officer also sees those consent keeps them out of. */
    @Transactional
    public List<ProfileSegment> ofProfile(String profileId, boolean includeUnlisted) throws SQLException {
        List<ProfileSegment> listed = new ArrayList<>();
        for (Member member : membership.ofProfile(profileId)) {
            Segment segment = Segment.findById(member.segmentId());
            if (segment != null && segment.isActive()
                    && (includeUnlisted || consent.verdict(profileId, segment.purpose).allowed())) {
                listed.add(new ProfileSegment(segment.id, segment.name, segment.purpose, member.ruleVersion(), member.since()));
            }
        }
        return listed;
    }

    public List<DailySize> sizes(UUID segmentId, Integer days) throws SQLException {
        int span = days == null ? 30 : days;
        if (span < 1 || span > MAX_DAYS) {
            throw new InvalidInputException("days", "must be between 1 and " + MAX_DAYS);
        }
        segments.find(segmentId);
        return membership.dailySizes(segmentId, config.timeZone(), span);
    }

    public Insights insights(UUID segmentId) throws SQLException {
        Segment segment = segments.listable(segmentId);
        SegmentConfig.Insights names = config.insights();
        return audience.insights(segmentId, segment.purpose, names.orderEvent(), names.revenueProperty(),
                names.newsletterPurpose());
    }

    /**
     * The listed members with the chosen traits, streamed page by page.
     *
     * @param hashEmails whether the {@code email} trait leaves as the SHA-256 of its trimmed, lower-case value
     */
    public StreamingOutput export(UUID segmentId, String formatCode, String traitList, boolean hashEmails)
            throws SQLException {
        ExportFormat format = ExportFormat.parse(formatCode == null ? "csv" : formatCode).orElseThrow(
                () -> new InvalidInputException("format", "must be csv or ndjson"));
        List<String> traits = traits(traitList);
        Segment segment = segments.listable(segmentId);
        // Every withdrawal acknowledged before this point is applied before anyone is counted or written.
        consentFreshness.awaitCurrent();
        long size = membership.countAllowed(segmentId, segment.purpose);
        if (size < config.minExportSize()) {
            throw new ConflictException("the segment lists " + size + " people; an export needs at least "
                    + config.minExportSize() + " so that nobody is singled out");
        }
        String purpose = segment.purpose;
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (format == ExportFormat.CSV) {
                writer.write(csvLine(header(traits)));
            }
            String after = "";
            List<ExportRow> page;
            do {
                page = page(segmentId, purpose, after);
                for (ExportRow row : page) {
                    List<String> values = values(row, traits, hashEmails);
                    writer.write(format == ExportFormat.CSV ? csvLine(values) : jsonLine(traits, values));
                    after = row.profileId();
                }
            } while (page.size() == EXPORT_PAGE);
            writer.flush();
        };
    }

    private List<ExportRow> page(UUID segmentId, String purpose, String after) {
        try {
            return audience.exportPage(segmentId, purpose, after, EXPORT_PAGE);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("the export could not be read", e));
        }
    }

    private static List<String> traits(String list) {
        List<String> traits = new ArrayList<>();
        if (list != null && !list.isBlank()) {
            for (String trait : list.split(",")) {
                if (!TRAIT.matcher(trait.trim()).matches()) {
                    throw new InvalidInputException("traits", "a comma-separated list of trait names (letters, digits, _)");
                }
                traits.add(trait.trim());
            }
        }
        if (traits.size() > MAX_TRAITS) {
            throw new InvalidInputException("traits", "at most " + MAX_TRAITS + " traits");
        }
        return traits;
    }

    private static List<String> header(List<String> traits) {
        List<String> header = new ArrayList<>(List.of("profile_id"));
        header.addAll(traits);
        return header;
    }

    private static List<String> values(ExportRow row, List<String> traits, boolean hashEmails) {
        List<String> values = new ArrayList<>(List.of(row.profileId()));
        for (String trait : traits) {
            JsonNode value = row.traits() == null ? null : row.traits().get(trait);
            String text = value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
            values.add(text != null && hashEmails && "email".equals(trait) ? sha256(text.trim().toLowerCase(Locale.ROOT)) : text);
        }
        return values;
    }

    private static String csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i);
            line.append(i == 0 ? "" : ",").append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        return line.append("\r\n").toString();
    }

    private static String jsonLine(List<String> traits, List<String> values) {
        ObjectNode line = ContractJson.MAPPER.createObjectNode().put("profileId", values.get(0));
        for (int i = 0; i < traits.size(); i++) {
            line.put(traits.get(i), values.get(i + 1));
        }
        return line + "\n";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
