package io.firstparty.consent.requests.domain;

import io.firstparty.kit.problem.ConflictException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A data-subject request under GDPR Art. 12(3): answered within one calendar month of receipt, a
 * deadline that may be extended once, by two more months, with the reason the person is told within
 * the first month. A request keeps no identifier: only the profile it resolved to, if any.
 */
@MappedSuperclass
public abstract class DataSubjectRequest extends PanacheEntityBase {

    @Id
    public String id;

    /** The person the request resolved to (the most recently resolved holder of its identifier); null if none. */
    @Column(name = "profile_id")
    public String profileId;

    /** The officer who filed it, or a person who confirmed their address. */
    @Column(name = "requested_by")
    public String requestedBy;

    /** When the request was received: the month runs from here. */
    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    /** Why the deadline was extended; null while it was not. */
    @Column(name = "extension_reason")
    public String extensionReason;

    /** Receives the request now, due one calendar month later (not 30 days). */
    protected void receive(String profileId, String requestedBy) {
        this.id = UUID.randomUUID().toString();
        this.profileId = profileId;
        this.requestedBy = requestedBy;
        this.requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.dueAt = requestedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    public boolean pastDue() {
        return Instant.now().isAfter(dueAt);
    }

    /** Once, and only while the first deadline has not passed. */
    public void extend(String reason) {
        if (extensionReason != null) {
            throw new ConflictException("this request's deadline was already extended");
        }
        if (pastDue()) {
            throw new ConflictException("a deadline can only be extended within the first month");
        }
        extensionReason = reason;
        dueAt = dueAt.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant();
    }

    /** Where the request stands, given whether every service answered and whether any failed. */
    public String progress(boolean allAnswered, boolean anyFailed) {
        if (allAnswered && !anyFailed) {
            return RequestProgress.COMPLETE;
        }
        if (pastDue()) {
            return "overdue";
        }
        return anyFailed ? "failed" : "in_progress";
    }
}
