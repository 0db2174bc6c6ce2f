package io.firstparty.consent.objection.domain;

import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An objection for an identifier no profile holds yet, known by the identifier's hash only; it
 * becomes a ledger record of the profile the identifier is linked to later.
 */
@Entity
@Table(name = "pending_objection")
public class PendingObjection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "identifier_hash")
    public String identifierHash;

    @Column(name = "purpose_code")
    public String purposeCode;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Convert(converter = LedgerRecord.ChannelConverter.class)
    public Channel channel;

    public String method;

    public String source;

    @Column(name = "evidence_key")
    public String evidenceKey;

    @Column(name = "text_version")
    public String textVersion;

    @Column(name = "text_hash")
    public String textHash;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
