package io.firstparty.profile.reresolution.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A re-resolution of every existing profile under the current merge rules and identity spaces, in
 * batches of root profiles in id order. {@code position} is the last profile done, committed with
 * the batch, so a job interrupted anywhere resumes after it.
 */
@Entity
@Table(name = "resolution_job")
public class ResolutionJob extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";

    @Id
    public UUID id;

    public String status;

    @Column(name = "batch_size")
    public int batchSize;

    public UUID position;

    @Column(name = "profiles_checked")
    public long profilesChecked;

    public int merges;

    @Column(name = "merges_refused")
    public int mergesRefused;

    @Column(name = "identifiers_detached")
    public int identifiersDetached;

    /** Brands whose pending links into a shared space this job activated. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "brands_applied")
    public List<String> brandsApplied = new ArrayList<>();

    /** The replica running it, until {@code leaseUntil}; another replica takes over once the lease lapses. */
    @Column(name = "lease_holder")
    public String leaseHolder;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
