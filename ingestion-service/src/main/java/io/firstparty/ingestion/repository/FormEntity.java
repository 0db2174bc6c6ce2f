package io.firstparty.ingestion.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code form}. Its JSON columns hold text written with the contracts' JSON conventions,
 * the same that the API answers with.
 */
@Entity
@Table(name = "form")
public class FormEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "source_id")
    public UUID sourceId;

    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "consent_texts")
    public String consentTexts;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
