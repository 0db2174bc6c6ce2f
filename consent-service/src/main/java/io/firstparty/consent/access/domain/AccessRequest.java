package io.firstparty.consent.access.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An access or portability request, tracked against its deadline until every service delivered its part. */
@Entity
@Table(name = "access_request")
public class AccessRequest extends PanacheEntityBase {

    @Id
    public String id;

    /** {@code access} (Art. 15) or {@code portability} (Art. 20). */
    @Column(name = "access_right")
    public String right;

    @Column(name = "profile_id")
    public String profileId;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    /** Why the deadline was extended; null while it was not. */
    @Column(name = "extension_reason")
    public String extensionReason;

    /** When the command was last published (filing or a re-run). */
    @Column(name = "last_run_at")
    public Instant lastRunAt;
}
