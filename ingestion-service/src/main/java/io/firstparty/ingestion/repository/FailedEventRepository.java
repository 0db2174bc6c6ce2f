package io.firstparty.ingestion.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.firstparty.contracts.events.EventRejected;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.ingestion.domain.FailedEvent;
import io.firstparty.kit.persistence.JsonColumn;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The failed-events store. Callers hold the transaction when they write. */
@ApplicationScoped
public class FailedEventRepository implements PanacheRepositoryBase<FailedEventEntity, UUID> {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };

    /** Idempotent: a redelivered failure keeps its first row. */
    public void store(List<EventRejected> failures) throws SQLException {
        for (EventRejected failure : failures) {
            UUID id = UUID.fromString(failure.failureId());
            if (findById(id) != null) {
                continue;
            }
            FailedEventEntity entity = new FailedEventEntity();
            entity.id = id;
            entity.sourceId = UUID.fromString(failure.sourceId());
            entity.messageId = failure.messageId();
            entity.type = failure.type() == null ? null : failure.type().code();
            entity.violations = JsonColumn.write(failure.violations());
            entity.reason = failure.violations().isEmpty() ? "" : failure.violations().get(0).rule();
            entity.originalBody = failure.originalBody();
            entity.receivedAt = failure.receivedAt();
            persist(entity);
        }
    }

    /**
     * Newest first, a page at a time. A native query, because matching inside the violations (a
     * JSON array) needs PostgreSQL's jsonb functions, which the query language lacks.
     *
     * @param reason  keeps failures one of whose violations names this text in its field or rule, or null
     * @param before  the received-at instant of the last failure of the previous page, or null
     */
    @SuppressWarnings("unchecked")
    public List<FailedEvent> find(UUID sourceId, String reason, boolean openOnly, Instant before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM failed_event WHERE source_id = :source");
        if (reason != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM jsonb_array_elements(violations) v"
                    + " WHERE v->>'rule' ILIKE :reason OR v->>'field' ILIKE :reason)");
        }
        if (openOnly) {
            sql.append(" AND replayed_at IS NULL");
        }
        if (before != null) {
            sql.append(" AND received_at < :before");
        }
        sql.append(" ORDER BY received_at DESC, id LIMIT :limit");
        Query query = getEntityManager().createNativeQuery(sql.toString(), FailedEventEntity.class)
                .setParameter("source", sourceId).setParameter("limit", limit);
        if (reason != null) {
            query.setParameter("reason", "%" + reason.replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (before != null) {
            query.setParameter("before", before);
        }
        return failures(query.getResultList());
    }

    public List<FailedEvent> findOpen(UUID sourceId, List<UUID> ids) throws SQLException {
        return failures(list("sourceId = ?1 and id in ?2 and replayedAt is null order by receivedAt", sourceId, ids));
    }

    public void markReplayed(List<UUID> ids) {
        update("replayedAt = ?1 where id in ?2", Instant.now(), ids);
    }

    private static List<FailedEvent> failures(List<FailedEventEntity> entities) throws SQLException {
        List<FailedEvent> failures = new ArrayList<>(entities.size());
        for (FailedEventEntity entity : entities) {
            failures.add(new FailedEvent(entity.id, entity.sourceId, entity.messageId,
                    entity.type == null ? null : EventType.fromCode(entity.type),
                    JsonColumn.read(entity.violations, VIOLATIONS), entity.originalBody, entity.receivedAt,
                    entity.replayedAt));
        }
        return failures;
    }
}
