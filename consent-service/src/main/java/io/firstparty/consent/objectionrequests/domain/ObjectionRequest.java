package io.firstparty.consent.objectionrequests.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An objection a privacy officer filed for a person, complete once its ledger records were written. */
@Entity
@Table(name = "objection_request")
public class ObjectionRequest extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "profile_id")
    public String profileId;

    /** JSON array of the purpose codes objected to. */
    public String purposes;

    /** JSON array of the ledger records written (or found again). */
    @Column(name = "record_ids")
    public String recordIds;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
