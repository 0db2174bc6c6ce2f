package io.firstparty.segment.segments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One version of a segment's rule, never changed once written: membership is explained against it. */
@Entity
@Table(name = "segment_version")
public class SegmentVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "segment_id")
    public UUID segmentId;
    public int version;
    /** The rule's JSON as the marketer wrote it. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String rule;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<SegmentVersion> of(UUID segmentId, int version) {
        return find("segmentId = ?1 and version = ?2", segmentId, version).firstResultOptional();
    }

    public static List<SegmentVersion> ofSegment(UUID segmentId) {
        return list("segmentId = ?1 order by version", segmentId);
    }
}
