package io.firstparty.segment.datasets.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** The record of one dataset export: who asked, for what, and once it is written, its manifest. */
@Entity
@Table(name = "dataset_export")
public class DatasetExport extends PanacheEntityBase {

    public static final String STREAMING = "streaming";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public String purpose;
    @Column(name = "lawful_basis")
    public String lawfulBasis;
    public String brand;
    /** The event filter's JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String filter;
    public String format;
    @Column(name = "requested_by")
    public String requestedBy;
    public String status;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** The manifest's JSON, once the export is complete. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String manifest;
}
