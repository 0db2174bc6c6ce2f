package io.firstparty.segment.segments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A privacy officer's approval of one version of a segment that may significantly affect people. */
@Entity
@Table(name = "segment_approval")
public class SegmentApproval extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "segment_id")
    public UUID segmentId;
    public int version;
    @Column(name = "approved_by")
    public String approvedBy;
    public String note;
    @Column(name = "approved_at")
    public Instant approvedAt;

    public static boolean exists(UUID segmentId, int version) {
        return count("segmentId = ?1 and version = ?2", segmentId, version) > 0;
    }
}
