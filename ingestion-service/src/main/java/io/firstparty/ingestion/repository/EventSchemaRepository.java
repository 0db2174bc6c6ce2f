package io.firstparty.ingestion.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.ingestion.domain.EventSchema;
import io.firstparty.kit.persistence.JsonColumn;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Versions of the JSON Schemas sources declare. Callers hold the transaction when they write. */
@ApplicationScoped
public class EventSchemaRepository implements PanacheRepositoryBase<EventSchemaEntity, EventSchemaEntity.Key> {

    private final SourceRepository sources;

    EventSchemaRepository(SourceRepository sources) {
        this.sources = sources;
    }

    /**
     * Stores the schema as the next version of its key and returns that version. The source's row is
     * locked first, so that two declarations at once get one version each.
     */
    public int addVersion(UUID sourceId, String eventKey, JsonNode schema) {
        sources.findById(sourceId, LockModeType.PESSIMISTIC_WRITE);
        Integer latest = getEntityManager().createQuery(
                        "select max(version) from EventSchemaEntity where sourceId = ?1 and eventKey = ?2", Integer.class)
                .setParameter(1, sourceId).setParameter(2, eventKey).getSingleResult();
        EventSchemaEntity entity = new EventSchemaEntity();
        entity.sourceId = sourceId;
        entity.eventKey = eventKey;
        entity.version = latest == null ? 1 : latest + 1;
        entity.schema = schema.toString();
        entity.createdAt = Instant.now();
        persist(entity);
        return entity.version;
    }

    public Optional<EventSchema> latest(UUID sourceId, String eventKey) throws SQLException {
        List<EventSchema> found = schemas(find("sourceId = ?1 and eventKey = ?2 order by version desc", sourceId, eventKey)
                .page(0, 1).list());
        return found.stream().findFirst();
    }

    /** The newest version of every key of the source. */
    public List<EventSchema> latestOfEach(UUID sourceId) throws SQLException {
        return schemas(list("""
                from EventSchemaEntity s where s.sourceId = ?1 and s.version = (select max(newer.version)
                    from EventSchemaEntity newer where newer.sourceId = s.sourceId and newer.eventKey = s.eventKey)
                order by s.eventKey""", sourceId));
    }

    private static List<EventSchema> schemas(List<EventSchemaEntity> entities) throws SQLException {
        List<EventSchema> schemas = new ArrayList<>(entities.size());
        for (EventSchemaEntity entity : entities) {
            schemas.add(new EventSchema(entity.eventKey, entity.version, JsonColumn.read(entity.schema, JsonNode.class),
                    entity.createdAt));
        }
        return schemas;
    }
}
