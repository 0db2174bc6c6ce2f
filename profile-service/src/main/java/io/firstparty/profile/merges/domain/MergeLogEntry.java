package io.firstparty.profile.merges.domain;

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

/** One entry of the merge log: which profiles, which identifiers, which event, which rule, and what became of it. */
@Entity
@Table(name = "merge_log")
public class MergeLogEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "survivor_id")
    public UUID survivorId;

    @Column(name = "absorbed_id")
    public UUID absorbedId;

    public String status;

    public String rule;

    public String reason;

    @Column(name = "message_id")
    public String messageId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "identifier_keys")
    public List<String> identifierKeys = new ArrayList<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
