package io.firstparty.ingestion.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code failed_event}: a message that broke a rule, with the rules and its body as sent. */
@Entity
@Table(name = "failed_event")
public class FailedEventEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "source_id")
    public UUID sourceId;

    @Column(name = "message_id")
    public String messageId;

    /** The call type's code, or null when the message did not name a known one. */
    public String type;

    @JdbcTypeCode(SqlTypes.JSON)
    public String violations;

    /** The first violation's rule, for a glance at a list. */
    public String reason;

    @Column(name = "original_body")
    public String originalBody;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "replayed_at")
    public Instant replayedAt;
}
