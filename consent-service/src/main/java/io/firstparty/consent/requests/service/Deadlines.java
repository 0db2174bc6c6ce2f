package io.firstparty.consent.requests.service;

import io.firstparty.consent.requests.domain.DataSubjectRequest;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** The Art. 12(3) deadline of every kind of data-subject request: finding, extending, listing those past due. */
@ApplicationScoped
public class Deadlines {

    private static final int MAX_REASON = 1000;
    private static final int MAX_LISTED = 500;

    private final EntityManager entityManager;

    Deadlines(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @param kind how a 404 names the request, e.g. {@code erasure request} */
    @Transactional
    public <T extends DataSubjectRequest> T find(Class<T> type, String id, String kind) {
        T request = entityManager.find(type, id);
        if (request == null) {
            throw new ResourceNotFoundException("no " + kind + " with this id");
        }
        return request;
    }

    /** Extends the deadline by two months, with the reason the person is told. */
    @Transactional
    public <T extends DataSubjectRequest> T extend(Class<T> type, String id, String kind, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidInputException("/reason", "is required, at most " + MAX_REASON + " characters");
        }
        T request = find(type, id, kind);
        request.extend(reason);
        return request;
    }

    /** Requests whose deadline has passed, oldest deadline first; the caller drops those complete. */
    @Transactional
    public <T extends DataSubjectRequest> List<T> pastDue(Class<T> type) {
        return entityManager.createQuery("from " + entityManager.getMetamodel().entity(type).getName()
                        + " where dueAt < :now order by dueAt", type)
                .setParameter("now", Instant.now()).setMaxResults(MAX_LISTED).getResultList();
    }
}
