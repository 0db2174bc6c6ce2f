package io.firstparty.ingestion.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code source}; the service works with {@link io.firstparty.ingestion.domain.Source}. */
@Entity
@Table(name = "source")
public class SourceEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String brand;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_origins")
    public List<String> allowedOrigins;

    @Column(name = "rate_limit_per_second")
    public int rateLimitPerSecond;

    /** Call type codes, sorted. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types")
    public List<String> eventTypes;

    public boolean enabled;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
