package io.firstparty.ingestion.repository;

import io.firstparty.contracts.events.EventType;
import io.firstparty.ingestion.domain.NewSource;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.WriteKey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sources and their write keys. Callers hold the transaction. */
@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<SourceEntity, UUID> {

    /** A source with the prefix of its live key, in one query. */
    private static final String WITH_KEY = "select s, k.keyPrefix from SourceEntity s"
            + " left join WriteKeyEntity k on k.sourceId = s.id and k.revokedAt is null";

    /** Stores the source and its first key. */
    public UUID insert(NewSource source, WriteKey key) {
        SourceEntity entity = new SourceEntity();
        entity.id = UUID.randomUUID();
        entity.brand = source.brand().strip();
        entity.name = source.name().strip();
        entity.allowedOrigins = List.copyOf(source.allowedOrigins());
        entity.rateLimitPerSecond = source.rateLimitPerSecond();
        entity.eventTypes = source.eventTypes().stream().map(EventType::code).sorted().toList();
        entity.enabled = true;
        entity.createdAt = Instant.now();
        entity.updatedAt = entity.createdAt;
        persist(entity);
        insertKey(entity.id, key);
        return entity.id;
    }

    /** Revokes every key of the source and stores the new one. */
    public void replaceKey(UUID sourceId, WriteKey key) {
        getEntityManager().createQuery("update WriteKeyEntity set revokedAt = :now"
                        + " where sourceId = :source and revokedAt is null")
                .setParameter("now", Instant.now()).setParameter("source", sourceId).executeUpdate();
        insertKey(sourceId, key);
    }

    public boolean setEnabled(UUID id, boolean enabled) {
        SourceEntity entity = findById(id);
        if (entity == null) {
            return false;
        }
        entity.enabled = enabled;
        entity.updatedAt = Instant.now();
        return true;
    }

    public boolean exists(String brand, String name) {
        return count("brand = ?1 and name = ?2", brand.strip(), name.strip()) > 0;
    }

    public Optional<Source> findSource(UUID id) {
        return withKeys(WITH_KEY + " where s.id = ?1", id).stream().findFirst();
    }

    public List<Source> list() {
        return withKeys(WITH_KEY + " order by s.brand, s.name");
    }

    private void insertKey(UUID sourceId, WriteKey key) {
        WriteKeyEntity entity = new WriteKeyEntity();
        entity.keyHash = key.hash();
        entity.sourceId = sourceId;
        entity.keyPrefix = key.displayPrefix();
        entity.createdAt = Instant.now();
        getEntityManager().persist(entity);
    }

    private List<Source> withKeys(String query, Object... parameters) {
        var typed = getEntityManager().createQuery(query, Object[].class);
        for (int i = 0; i < parameters.length; i++) {
            typed.setParameter(i + 1, parameters[i]);
        }
        return typed.getResultList().stream().map(row -> source((SourceEntity) row[0], (String) row[1])).toList();
    }

    private static Source source(SourceEntity entity, String keyPrefix) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        entity.eventTypes.stream().map(EventType::fromCode).forEach(types::add);
        return new Source(entity.id, entity.brand, entity.name, List.copyOf(entity.allowedOrigins),
                entity.rateLimitPerSecond, types, entity.enabled, keyPrefix, entity.createdAt);
    }
}
