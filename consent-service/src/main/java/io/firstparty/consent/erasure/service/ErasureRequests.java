package io.firstparty.consent.erasure.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.erasure.domain.ErasureReport;
import io.firstparty.consent.erasure.domain.ErasureRequest;
import io.firstparty.consent.erasure.rest.ErasureRequestBody;
import io.firstparty.consent.erasure.rest.ErasureStatus;
import io.firstparty.consent.messaging.RecordPublisher;
import io.firstparty.consent.requests.service.Deadlines;
import io.firstparty.consent.requests.service.RequestSubjects;
import io.firstparty.consent.requests.service.TrackedRequests;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Erasure requests (GDPR Art. 17): published to every service, then tracked until each one has
 * reported. A request is complete only when every service reported and none failed. One filed by an
 * identifier carries it to every service, so each erases every person holding it.
 */
@ApplicationScoped
public class ErasureRequests extends TrackedRequests<ErasureRequest, ErasureRequestBody, ErasureStatus> {

    private final RequestSubjects subjects;
    private final RecordPublisher publisher;
    private final ConsentConfig config;

    ErasureRequests(RequestSubjects subjects, Deadlines deadlines, RecordPublisher publisher, ConsentConfig config) {
        super(deadlines, ErasureRequest.class, "erasure request");
        this.subjects = subjects;
        this.publisher = publisher;
        this.config = config;
    }

    @Override
    @Transactional
    public ErasureStatus submit(ErasureRequestBody body, String officer) {
        return file(subjects.named(body == null ? null : body.profileId(), body == null ? null : body.identifier()),
                officer);
    }

    @Transactional
    public ErasureStatus file(RequestSubjects.Subject subject, String requestedBy) {
        ErasureRequest request = ErasureRequest.received(subject.person(), requestedBy);
        request.persist();
        publisher.publish(Topics.ERASURE_REQUESTS, new ErasureRequested(ErasureRequested.CURRENT_VERSION,
                request.id, request.profileId, subject.identifiers(), request.requestedAt));
        return status(request);
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

    @Override
    protected ErasureStatus status(ErasureRequest request) {
        Map<String, ErasureReport> reports = ErasureReport.<ErasureReport>list("requestId", request.id).stream()
                .collect(Collectors.toMap(report -> report.service, Function.identity()));
        List<ErasureStatus.ServiceReport> lines = config.erasure().services().stream()
                .map(service -> reports.containsKey(service) ? line(reports.get(service))
                        : new ErasureStatus.ServiceReport(service, "pending", 0, null, null))
                .toList();
        boolean failed = lines.stream().anyMatch(line -> ErasureCompleted.FAILED.equals(line.outcome()));
        boolean answered = lines.stream().noneMatch(line -> "pending".equals(line.outcome()));
        return new ErasureStatus(request.id, request.progress(answered, failed), request.requestedAt, request.dueAt,
                request.extensionReason, lines);
    }

    private static ErasureStatus.ServiceReport line(ErasureReport report) {
        return new ErasureStatus.ServiceReport(report.service, report.outcome, report.itemsErased, report.detail,
                report.reportedAt);
    }
}
