package io.firstparty.consent.people.domain;

import io.firstparty.contracts.events.PrivacySignal;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A privacy signal for an identifier no profile holds yet; applied when the profile service links it. */
@Entity
@Table(name = "pending_signal")
public class PendingSignal extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "identifier_hash")
    public String identifierHash;

    @Enumerated(EnumType.STRING)
    public PrivacySignal signal;

    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "received_at")
    public Instant receivedAt;
}
