package io.firstparty.consent.erasure.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.erasure.domain.ErasureReport;
import io.firstparty.consent.erasure.domain.ErasureRequest;
import io.firstparty.consent.erasure.rest.ErasureRequestBody;
import io.firstparty.consent.erasure.rest.ErasureStatus;
import io.firstparty.consent.messaging.RecordPublisher;
import io.firstparty.consent.people.service.People;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Erasure requests (GDPR Art. 17): published to every service, then tracked until each one has
 * reported. A request is complete only when every service reported and none failed.
 */
@ApplicationScoped
public class ErasureRequests {

    private static final int MAX_REASON = 1000;
    private static final int MAX_LISTED = 500;

    private final People people;
    private final IdentifierNormalizer normalizer;
    private final RecordPublisher publisher;
    private final ConsentConfig config;

    ErasureRequests(People people, IdentifierNormalizer normalizer, RecordPublisher publisher, ConsentConfig config) {
        this.people = people;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.config = config;
    }

    @Transactional
    public ErasureStatus submit(ErasureRequestBody body, String officer) {
        if (body == null || (body.profileId() == null) == (body.identifier() == null)) {
            throw new InvalidInputException("", "name the person by exactly one of profileId or identifier");
        }
        List<Identifier> identifiers = List.of();
        String profileId = body.profileId();
        if (body.identifier() != null) {
            Identifier identifier = IdentifierParameter.parse("/identifier", body.identifier(), normalizer);
            identifiers = List.of(identifier);
            profileId = people.personOf(identifier).orElse(null);
        }
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID().toString();
        request.profileId = profileId;
        request.requestedBy = officer;
        request.requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Art. 12(3): one calendar month, not 30 days.
        request.dueAt = request.requestedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        request.persist();
        publisher.publish(Topics.ERASURE_REQUESTS, new ErasureRequested(ErasureRequested.CURRENT_VERSION,
                request.id, profileId, identifiers, request.requestedAt));
        return status(request);
    }

    @Transactional
    public ErasureStatus status(String id) {
        ErasureRequest request = ErasureRequest.findById(id);
        if (request == null) {
            throw new ResourceNotFoundException("no erasure request with this id");
        }
        return status(request);
    }

    /**
     * Art. 12(3): once, within the first month, by two more months, with the reason the person is
     * told.
     */
    @Transactional
    public ErasureStatus extend(String id, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidInputException("/reason", "is required, at most " + MAX_REASON + " characters");
        }
        ErasureRequest request = ErasureRequest.findById(id);
        if (request == null) {
            throw new ResourceNotFoundException("no erasure request with this id");
        }
        if (request.extensionReason != null) {
            throw new ConflictException("this request's deadline was already extended");
        }
        if (Instant.now().isAfter(request.dueAt)) {
            throw new ConflictException("a deadline can only be extended within the first month");
        }
        request.extensionReason = reason;
        request.dueAt = request.dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant();
        return status(request);
    }

    /** Requests past their deadline that are not complete, oldest deadline first. */
    @Transactional
    public List<ErasureStatus> overdue() {
        return ErasureRequest.<ErasureRequest>find("dueAt < ?1 order by dueAt", Instant.now()).page(0, MAX_LISTED)
                .list().stream().map(this::status).filter(status -> !"complete".equals(status.status())).toList();
    }

    /** Keeps a service's latest report on one of our requests; a redelivered report changes nothing. */
    @Transactional
    public void onReport(ErasureCompleted completed) {
        if (ErasureRequest.findById(completed.requestId()) == null) {
            return;
        }
        ErasureReport report = ErasureReport.findById(new ErasureReport.Key(completed.requestId(), completed.service()));
        if (report == null) {
            report = new ErasureReport();
            report.requestId = completed.requestId();
            report.service = completed.service();
        }
        report.outcome = completed.outcome();
        report.itemsErased = completed.itemsErased();
        report.detail = completed.detail();
        report.reportedAt = completed.completedAt();
        report.persist();
    }

    private ErasureStatus status(ErasureRequest request) {
        Map<String, ErasureReport> reports = ErasureReport.<ErasureReport>list("requestId", request.id).stream()
                .collect(Collectors.toMap(report -> report.service, Function.identity()));
        List<ErasureStatus.ServiceReport> lines = config.erasure().services().stream()
                .map(service -> reports.containsKey(service) ? line(reports.get(service))
                        : new ErasureStatus.ServiceReport(service, "pending", 0, null, null))
                .toList();
        return new ErasureStatus(request.id, overall(lines, request.dueAt), request.requestedAt, request.dueAt,
                request.extensionReason, lines);
    }

    private static String overall(List<ErasureStatus.ServiceReport> lines, Instant dueAt) {
        boolean failed = lines.stream().anyMatch(line -> ErasureCompleted.FAILED.equals(line.outcome()));
        if (!failed && lines.stream().noneMatch(line -> "pending".equals(line.outcome()))) {
            return "complete";
        }
        if (Instant.now().isAfter(dueAt)) {
            return "overdue";
        }
        return failed ? "failed" : "in_progress";
    }

    private static ErasureStatus.ServiceReport line(ErasureReport report) {
        return new ErasureStatus.ServiceReport(report.service, report.outcome, report.itemsErased, report.detail,
                report.reportedAt);
    }
}
