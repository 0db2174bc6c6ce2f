package io.firstparty.segment.datasets.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.segment.consent.domain.ReplicatedPurpose;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.consent.service.ConsentFreshness;
import io.firstparty.segment.datasets.domain.DatasetExport;
import io.firstparty.segment.datasets.domain.DatasetExportRequest;
import io.firstparty.segment.datasets.domain.DatasetExportView;
import io.firstparty.segment.datasets.domain.EventFilter;
import io.firstparty.segment.datasets.domain.LedgerPosition;
import io.firstparty.segment.datasets.domain.Manifest;
import io.firstparty.segment.datasets.repository.DatasetRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dataset exports made for a purpose: every stored event (matching the filter) of every person whose
 * consent state allows the purpose when the export begins, followed by the manifest that proves it.
 * Fail-closed like every audience path: under consent, no state means no; under a legitimate
 * interest, anyone who objected is left out, whenever and however the objection came; and nothing
 * is exported before the purpose's processing start (the end of its notice period).
 */
@ApplicationScoped
public class DatasetExportService {

    public static final String NDJSON = "ndjson";
    /** The reasons a person is left out, always present in a manifest (zero when nobody). */
    public static final List<String> REASONS = List.of("objected", "withdrew", "denied", "expired", "noConsentState",
            "noticePeriodNotOver");
    private static final Logger LOG = Logger.getLogger(DatasetExportService.class);
    private static final int MAX_TEXT = 200;
    private static final int MAX_NAMES = 100;

    private final ConsentRepository consent;
    private final ConsentFreshness consentFreshness;
    private final DatasetRepository datasets;

    DatasetExportService(ConsentRepository consent, ConsentFreshness consentFreshness, DatasetRepository datasets) {
        this.consent = consent;
        this.consentFreshness = consentFreshness;
        this.datasets = datasets;
    }

    /** An export that has been checked and recorded, and the body that writes it. */
    public record Started(UUID id, StreamingOutput body) {
    }

    public Started start(DatasetExportRequest request, String requestedBy) throws SQLException {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            throw new InvalidInputException("/", "a dataset export request is required");
        }
        ReplicatedPurpose purpose = null;
        if (text(request.purpose(), "/purpose", true, violations)) {
            purpose = consent.purpose(request.purpose()).orElse(null);
            if (purpose == null) {
                violations.add(new Violation("/purpose", "unknown purpose: it must be a purpose defined in the consent service"));
            }
        }
        if (request.format() != null && !NDJSON.equals(request.format())) {
            violations.add(new Violation("/format", "must be ndjson"));
        }
        text(request.brand(), "/brand", false, violations);
        EventFilter filter = filter(request.events(), request.brand(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Instant now = Instant.now();
        if (!purpose.startedAt(now)) {
            throw new ConflictException("processing for " + purpose.code() + " starts only at " + purpose.processingStartsAt()
                    + ", when its notice period is over: nothing is exported for it before");
        }
        // Every withdrawal or objection acknowledged before this point is applied before anyone is read.
        consentFreshness.awaitCurrent();
        DatasetExport record = new DatasetExport();
        record.id = UUID.randomUUID();
        record.purpose = purpose.code();
        record.lawfulBasis = purpose.lawfulBasis();
        record.brand = filter.brand();
        record.filter = json(filter);
        record.format = NDJSON;
        record.requestedBy = requestedBy;
        record.status = DatasetExport.STREAMING;
        record.startedAt = now;
        QuarkusTransaction.requiringNew().run(record::persist);
        ReplicatedPurpose chosen = purpose;
        return new Started(record.id, output -> write(record.id, chosen, filter, now, output));
    }

    public DatasetExportView get(UUID id) {
        DatasetExport record = QuarkusTransaction.requiringNew().call(() -> DatasetExport.findById(id));
        if (record == null) {
            throw new ResourceNotFoundException("no dataset export has this id");
        }
        try {
            JsonNode manifest = record.manifest == null ? null : ContractJson.MAPPER.readTree(record.manifest);
            return new DatasetExportView(record.id, record.purpose, record.lawfulBasis, record.brand, record.format,
                    record.requestedBy, record.status, record.startedAt, record.completedAt, manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored manifest is not JSON", e);
        }
    }

    private void write(UUID id, ReplicatedPurpose purpose, EventFilter filter, Instant startedAt,
                       java.io.OutputStream output) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator json = ContractJson.MAPPER.getFactory().createGenerator(writer);
        json.setRootValueSeparator(null);
        Lines lines = new Lines(json);
        try {
            datasets.read(filter, purpose.code(), lines);
            long included = lines.verdicts.getOrDefault(DatasetRepository.INCLUDED, 0L);
            if (lines.people != included) {
                throw new IllegalStateException("the export holds " + lines.people + " people, the snapshot counted " + included);
            }
            Map<String, Long> excluded = new LinkedHashMap<>();
            REASONS.forEach(reason -> excluded.put(reason, 0L));
            long considered = 0;
            for (Map.Entry<String, Long> verdict : lines.verdicts.entrySet()) {
                considered += verdict.getValue();
                if (!DatasetRepository.INCLUDED.equals(verdict.getKey())) {
                    excluded.merge(verdict.getKey(), verdict.getValue(), Long::sum);
                }
            }
            Manifest manifest = new Manifest(id, purpose.code(), purpose.lawfulBasis(), purpose.processingStartsAt(), filter,
                    NDJSON, lines.ledger, considered, included, excluded, lines.events, startedAt, Instant.now());
            ObjectNode line = ContractJson.MAPPER.createObjectNode().put("record", "manifest");
            line.setAll((ObjectNode) ContractJson.MAPPER.valueToTree(manifest));
            json.writeTree(line);
            json.writeRaw('\n');
            json.flush();
            String stored = ContractJson.MAPPER.writeValueAsString(manifest);
            QuarkusTransaction.requiringNew().run(() -> {
                DatasetExport record = DatasetExport.findById(id);
                record.status = DatasetExport.COMPLETED;
                record.completedAt = manifest.completedAt();
                record.manifest = stored;
            });
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warnf("dataset export %s failed: %s", id, e.getClass().getSimpleName());
            QuarkusTransaction.requiringNew().run(() -> {
                DatasetExport record = DatasetExport.findById(id);
                record.status = DatasetExport.FAILED;
                record.completedAt = Instant.now();
            });
            if (e instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException("the dataset export could not be read", e));
        }
    }

    /** Writes each event as one NDJSON line, counting events and people as they go. */
    private static final class Lines implements DatasetRepository.Reader {
        private final JsonGenerator json;
        private LedgerPosition ledger;
        private Map<String, Long> verdicts;
        private long events;
        private long people;
        private String lastProfile;

        Lines(JsonGenerator json) {
            this.json = json;
        }

        @Override
        public void snapshot(LedgerPosition ledger, Map<String, Long> verdicts) {
            this.ledger = ledger;
            this.verdicts = verdicts;
        }

        @Override
        public void event(DatasetRepository.EventRow row) throws IOException {
            if (!row.profileId().equals(lastProfile)) {
                people++;
                lastProfile = row.profileId();
            }
            events++;
            json.writeStartObject();
            json.writeStringField("record", "event");
            json.writeStringField("profileId", row.profileId());
            json.writeStringField("messageId", row.messageId());
            json.writeStringField("type", row.type());
            json.writeStringField("name", row.name());
            json.writeStringField("occurredAt", row.occurredAt().toString());
            json.writeStringField("brand", row.brand());
            raw("properties", row.properties());
            raw("context", row.context());
            raw("traits", row.traits());
            json.writeEndObject();
            json.writeRaw('\n');
        }

        private void raw(String field, String value) throws IOException {
            json.writeFieldName(field);
            if (value == null) {
                json.writeNull();
            } else {
                json.writeRawValue(value);
            }
        }
    }

    private static EventFilter filter(DatasetExportRequest.Events events, String brand, List<Violation> violations) {
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        if (events != null) {
            if (events.types() != null) {
                for (int i = 0; i < events.types().size(); i++) {
                    String type = events.types().get(i);
                    if (EventType.parse(type).isEmpty()) {
                        violations.add(new Violation("/events/types/" + i, "must be identify, track, page, screen, group or alias"));
                    } else {
                        types.add(type);
                    }
                }
            }
            if (events.names() != null) {
                if (events.names().size() > MAX_NAMES) {
                    violations.add(new Violation("/events/names", "at most " + MAX_NAMES + " names"));
                }
                for (int i = 0; i < events.names().size(); i++) {
                    if (text(events.names().get(i), "/events/names/" + i, true, violations)) {
                        names.add(events.names().get(i));
                    }
                }
            }
            from = instant(events.from(), "/events/from", violations);
            to = instant(events.to(), "/events/to", violations);
            if (from != null && to != null && !from.isBefore(to)) {
                violations.add(new Violation("/events/to", "must be after /events/from"));
            }
        }
        return new EventFilter(types, names, from, to, brand);
    }

    private static Instant instant(String text, String field, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
            return null;
        }
    }

    private static boolean text(String value, String field, boolean required, List<Violation> violations) {
        if (value == null) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return false;
        }
        if (value.isBlank() || value.length() > MAX_TEXT) {
            violations.add(new Violation(field, "must be between 1 and " + MAX_TEXT + " characters, not blank"));
            return false;
        }
        return true;
    }

    private static String json(Object value) {
        try {
            return ContractJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a filter is always JSON", e);
        }
    }
}
