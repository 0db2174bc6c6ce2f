package io.firstparty.consent.erasure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An erasure a privacy officer asked for, tracked against its deadline. */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends PanacheEntityBase {

    @Id
    public String id;

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
}
