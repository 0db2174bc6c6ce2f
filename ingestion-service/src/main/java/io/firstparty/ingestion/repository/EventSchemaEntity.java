package io.firstparty.ingestion.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code event_schema}: one version of a source's schema for one kind of event. */
@Entity
@Table(name = "event_schema")
@IdClass(EventSchemaEntity.Key.class)
public class EventSchemaEntity extends PanacheEntityBase {

    @Id
    @Column(name = "source_id")
    public UUID sourceId;

    @Id
    @Column(name = "event_key")
    public String eventKey;

    @Id
    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    public String schema;

    @Column(name = "created_at")
    public Instant createdAt;

    public record Key(UUID sourceId, String eventKey, int version) implements Serializable {
    }
}
