package io.firstparty.segment.segments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A segment's definition; its rule lives in {@link SegmentVersion}s, the current one named here. */
@Entity
@Table(name = "segment")
public class Segment extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";

    @Id
    public UUID id;
    public String name;
    public String description;
    /** The consent purpose its members are processed for. */
    public String purpose;
    public String owner;
    /** Whether it may significantly affect people: then a privacy officer approves each version. */
    public boolean significant;
    public String status;
    @Column(name = "current_version")
    public int currentVersion;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Up to when the window-expiry job has looked at this segment. */
    @Column(name = "expiry_checked_at")
    public Instant expiryCheckedAt;

    public static List<Segment> active() {
        return list("status", ACTIVE);
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
