package io.firstparty.consent.access.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.consent.access.domain.AccessPart;
import io.firstparty.consent.access.domain.AccessRequest;
import io.firstparty.consent.access.rest.AccessRequestBody;
import io.firstparty.consent.access.rest.AccessStatus;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.messaging.RecordPublisher;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.requests.domain.RequestProgress;
import io.firstparty.consent.requests.service.Deadlines;
import io.firstparty.consent.requests.service.JsonColumns;
import io.firstparty.consent.requests.service.RequestSubjects;
import io.firstparty.consent.requests.service.TrackedRequests;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Access and portability requests (GDPR Art. 15 and 20): published to every service as
 * {@link AccessRequested}, then tracked until each service delivered its part (chunked
 * {@link AccessPartDelivered} records), and assembled into one JSON archive. A request is complete
 * only when every service delivered and none failed; running it again asks every service anew, and
 * each new delivery replaces the service's earlier one.
 */
@ApplicationScoped
public class AccessRequests extends TrackedRequests<AccessRequest, AccessRequestBody, AccessStatus> {

    private static final Logger LOG = Logger.getLogger(AccessRequests.class);
    private static final String PROFILE_SERVICE = "profile-service";
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final People people;
    private final RequestSubjects subjects;
    private final RecordPublisher publisher;
    private final ConsentConfig config;
    private final ConsentPart consentPart;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final JsonColumns columns;

    AccessRequests(People people, RequestSubjects subjects, Deadlines deadlines, RecordPublisher publisher,
                   ConsentConfig config, ConsentPart consentPart, EntityManager entityManager, ObjectMapper mapper,
                   JsonColumns columns) {
        super(deadlines, AccessRequest.class, "access request");
        this.people = people;
        this.subjects = subjects;
        this.publisher = publisher;
        this.config = config;
        this.consentPart = consentPart;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.columns = columns;
    }

    /** Files a request for the person named by profile id, or for everyone holding one identifier. */
    @Override
    @Transactional
    public AccessStatus submit(AccessRequestBody body, String requestedBy) {
        RequestSubjects.Subject subject = subjects.named(body == null ? null : body.profileId(),
                body == null ? null : body.identifier());
        return file(right(body.right()), subject, requestedBy);
    }

    /**
     * Files a request: tracked under the profile it resolved to (it keeps no identifier nor address);
     * the consent service's own part covers every person the subject names.
     */
    @Transactional
    public AccessStatus file(String right, RequestSubjects.Subject subject, String requestedBy) {
        AccessRequest request = AccessRequest.received(right, subject.person(), requestedBy);
        request.persist();
        run(request, subject.identifiers(), subject.people());
        return status(request);
    }

    /**
     * Asks every service again, e.g. after one failed: each answers with a new delivery that replaces
     * its earlier one. Only requests filed by profile id or resolved by this service can be re-run
     * without the person's identifiers, which the request does not keep.
     */
    @Transactional
    public AccessStatus rerun(String id) {
        AccessRequest request = find(id);
        if (request.profileId == null) {
            throw new ConflictException("this request never resolved to a profile; file a new one with the identifier");
        }
        request.lastRunAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        run(request, List.of(), List.of(request.profileId));
        return status(request);
    }

    private void run(AccessRequest request, List<Identifier> identifiers, List<String> known) {
        AccessPart.flush();
        publisher.publish(Topics.ACCESS_REQUESTS, new AccessRequested(AccessRequested.CURRENT_VERSION, request.id,
                request.right, request.profileId, identifiers, request.lastRunAt));
        // The consent service's own part, for the people it knows; again once the profile service names them all.
        consentPart.of(request.id, known).forEach(this::store);
    }

    /**
     * Keeps one chunk of a service's part. The profile service's first chunk names the person's
     * profiles: the consent service then delivers its own part for them.
     */
    @Transactional
    public void onChunk(AccessPartDelivered chunk) {
        AccessRequest request = AccessRequest.findById(chunk.requestId());
        if (request == null) {
            return;
        }
        if (chunk.service() == null || chunk.deliveryId() == null || chunk.deliveredAt() == null || chunk.chunks() < 1
                || chunk.chunk() < 0 || chunk.chunk() >= chunk.chunks()) {
            LOG.warnf("Access request %s: a malformed part chunk was ignored", chunk.requestId());
            return;
        }
        boolean completed = store(chunk);
        if (completed && PROFILE_SERVICE.equals(chunk.service()) && !ConsentPart.SERVICE.equals(chunk.service())) {
            Set<String> profiles = new LinkedHashSet<>(chunk.profileIds());
            if (request.profileId != null) {
                profiles.add(request.profileId);
            }
            if (request.profileId == null && !chunk.profileIds().isEmpty()) {
                request.profileId = people.personOf(chunk.profileIds().get(0));
            }
            consentPart.of(request.id, profiles).forEach(this::store);
        }
    }

    /** @return whether this chunk completed its delivery */
    private boolean store(AccessPartDelivered chunk) {
        AccessPart part = AccessPart.findById(new AccessPart.Key(chunk.requestId(), chunk.service()));
        if (part != null && !part.deliveryId.equals(chunk.deliveryId())) {
            if (chunk.deliveredAt().isBefore(part.startedAt)) {
                return false; // a late chunk of an older delivery
            }
            entityManager.createNativeQuery("DELETE FROM access_part_chunk WHERE request_id = ?1 AND service = ?2")
                    .setParameter(1, chunk.requestId()).setParameter(2, chunk.service()).executeUpdate();
            start(part, chunk);
        } else if (part == null) {
            part = new AccessPart();
            part.requestId = chunk.requestId();
            part.service = chunk.service();
            start(part, chunk);
            part.persist();
        }
        if (part.deliveredAt != null) {
            return false; // a redelivered chunk of a delivery already complete
        }
        AccessPart.flush();
        entityManager.createNativeQuery("""
                        INSERT INTO access_part_chunk (request_id, service, delivery_id, chunk, content)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                .setParameter(1, chunk.requestId()).setParameter(2, chunk.service()).setParameter(3, chunk.deliveryId())
                .setParameter(4, chunk.chunk()).setParameter(5, chunk.content()).executeUpdate();
        long held = ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM access_part_chunk WHERE request_id = ?1 AND service = ?2 AND delivery_id = ?3""")
                .setParameter(1, chunk.requestId()).setParameter(2, chunk.service()).setParameter(3, chunk.deliveryId())
                .getSingleResult()).longValue();
        if (held < part.chunks) {
            return false;
        }
        String content = content(part);
        if (!content.isBlank()) {
            try {
                mapper.readTree(content);
            } catch (IOException e) {
                part.outcome = AccessPartDelivered.FAILED;
                part.detail = "the part delivered is not a JSON document";
            }
        }
        part.deliveredAt = chunk.deliveredAt();
        return true;
    }

    private void start(AccessPart part, AccessPartDelivered chunk) {
        part.deliveryId = chunk.deliveryId();
        part.chunks = chunk.chunks();
        part.outcome = chunk.outcome() == null ? AccessPartDelivered.FAILED : chunk.outcome();
        part.profileIds = columns.write(chunk.profileIds());
        part.counts = columns.write(chunk.counts());
        part.detail = chunk.detail();
        part.startedAt = chunk.deliveredAt();
        part.deliveredAt = null;
    }

    /**
     * One JSON document: the request, a manifest (each service, when it delivered, its counts) and a
     * section per service holding the service's part as it delivered it.
     */
    @Transactional
    public String archive(String id) {
        AccessRequest request = find(id);
        AccessStatus status = status(request);
        if (!RequestProgress.COMPLETE.equals(status.status())) {
            throw new ConflictException("the archive is ready once every service has delivered its part; waiting for "
                    + status.services().stream().filter(part -> !isDone(part.outcome()) || failed(part.outcome()))
                    .map(AccessStatus.ServicePart::service).collect(Collectors.joining(", ")));
        }
        Map<String, String> contents = new LinkedHashMap<>();
        for (String service : config.access().services()) {
            contents.put(service, content(AccessPart.findById(new AccessPart.Key(id, service))));
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("request");
            json.writeStringField("id", request.id);
            json.writeStringField("right", request.right);
            json.writeStringField("profileId", request.profileId);
            json.writeStringField("requestedAt", request.requestedAt.toString());
            json.writeStringField("dueAt", request.dueAt.toString());
            json.writeEndObject();
            json.writeObjectFieldStart("manifest");
            json.writeStringField("generatedAt", Instant.now().toString());
            json.writeArrayFieldStart("services");
            for (AccessStatus.ServicePart part : status.services()) {
                json.writeStartObject();
                json.writeStringField("service", part.service());
                json.writeStringField("outcome", part.outcome());
                json.writeStringField("deliveredAt", part.deliveredAt().toString());
                json.writeObjectFieldStart("counts");
                for (Map.Entry<String, Long> count : part.counts().entrySet()) {
                    json.writeNumberField(count.getKey(), count.getValue());
                }
                json.writeEndObject();
                json.writeNumberField("chunks", part.chunks());
                json.writeNumberField("characters", contents.get(part.service()).length());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeObjectFieldStart("sections");
            for (Map.Entry<String, String> section : contents.entrySet()) {
                json.writeFieldName(section.getKey());
                if (section.getValue().isBlank()) {
                    json.writeNull();
                } else {
                    json.writeRawValue(section.getValue());
                }
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String content(AccessPart part) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT content FROM access_part_chunk WHERE request_id = ?1 AND service = ?2 AND delivery_id = ?3
                        ORDER BY chunk""")
                .setParameter(1, part.requestId).setParameter(2, part.service).setParameter(3, part.deliveryId)
                .getResultList();
        StringBuilder content = new StringBuilder();
        rows.forEach(row -> content.append((String) row));
        return content.toString();
    }

    @Override
    protected AccessStatus status(AccessRequest request) {
        Map<String, AccessPart> parts = AccessPart.<AccessPart>list("requestId", request.id).stream()
                .collect(Collectors.toMap(part -> part.service, Function.identity()));
        List<AccessStatus.ServicePart> lines = new ArrayList<>();
        for (String service : config.access().services()) {
            AccessPart part = parts.get(service);
            if (part == null) {
                lines.add(new AccessStatus.ServicePart(service, "pending", null, Map.of(), 0, 0, null));
            } else {
                int received = part.deliveredAt != null ? part.chunks : ((Number) entityManager.createNativeQuery("""
                                SELECT count(*) FROM access_part_chunk WHERE request_id = ?1 AND service = ?2
                                AND delivery_id = ?3""")
                        .setParameter(1, part.requestId).setParameter(2, part.service).setParameter(3, part.deliveryId)
                        .getSingleResult()).intValue();
                lines.add(new AccessStatus.ServicePart(service, part.deliveredAt == null ? "pending" : part.outcome,
                        part.deliveredAt, columns.read(part.counts, COUNTS), part.chunks, received, part.detail));
            }
        }
        String overall = request.progress(lines.stream().allMatch(line -> isDone(line.outcome())),
                lines.stream().anyMatch(line -> failed(line.outcome())));
        return new AccessStatus(request.id, request.right, overall, request.requestedAt, request.dueAt,
                request.extensionReason, request.lastRunAt,
                RequestProgress.COMPLETE.equals(overall) ? "/v1/access-requests/" + request.id + "/archive" : null,
                lines);
    }

    private static boolean isDone(String outcome) {
        return AccessPartDelivered.DELIVERED.equals(outcome) || AccessPartDelivered.NOTHING_HELD.equals(outcome);
    }

    private static boolean failed(String outcome) {
        return !isDone(outcome) && !"pending".equals(outcome);
    }

    private static String right(String right) {
        if (right == null) {
            return AccessRequested.ACCESS;
        }
        if (!AccessRequested.ACCESS.equals(right) && !AccessRequested.PORTABILITY.equals(right)) {
            throw new InvalidInputException("/right", "is access or portability");
        }
        return right;
    }
}
