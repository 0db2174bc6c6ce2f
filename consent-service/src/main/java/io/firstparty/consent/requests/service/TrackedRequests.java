package io.firstparty.consent.requests.service;

import io.firstparty.consent.requests.domain.DataSubjectRequest;
import io.firstparty.consent.requests.domain.RequestProgress;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * The part every kind of request that waits for services' answers shares: its status by id, the
 * deadline's one extension, and those past due that are not complete.
 *
 * @param <T> the request
 * @param <B> what a caller files it with
 * @param <S> its status as the API shows it
 */
public abstract class TrackedRequests<T extends DataSubjectRequest, B, S extends RequestProgress> {

    private final Deadlines deadlines;
    private final Class<T> type;
    private final String kind;

    /** @param kind how a 404 names the request, e.g. {@code erasure request} */
    protected TrackedRequests(Deadlines deadlines, Class<T> type, String kind) {
        this.deadlines = deadlines;
        this.type = type;
        this.kind = kind;
    }

    /** For the client proxy the container makes of an application-scoped subclass; never called otherwise. */
    protected TrackedRequests() {
        this(null, null, null);
    }

    public abstract S submit(B body, String requestedBy);

    @Transactional
    public S status(String id) {
        return status(find(id));
    }

    @Transactional
    public S extend(String id, String reason) {
        return status(deadlines.extend(type, id, kind, reason));
    }

    /** Requests past their deadline that are not complete, oldest deadline first. */
    @Transactional
    public List<S> overdue() {
        return deadlines.pastDue(type).stream().map(this::status).filter(status -> !RequestProgress.COMPLETE.equals(status.status()))
                .toList();
    }

    protected T find(String id) {
        return deadlines.find(type, id, kind);
    }

    protected abstract S status(T request);
}
