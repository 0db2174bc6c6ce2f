package io.firstparty.consent.ledger.domain;

import io.firstparty.consent.persistence.CodeConverter;
import io.firstparty.consent.persistence.ConsentStatusConverter;
import io.firstparty.contracts.events.ConsentStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/**
 * One link of a profile's consent chain. Written once, never changed: the database role the
 * service runs with cannot update or delete it, and its hash covers every field and the previous hash.
 */
@Entity
@Immutable
@Table(name = "ledger_record")
public class LedgerRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "profile_id")
    public String profileId;

    public int seq;

    @Column(name = "purpose_code")
    public String purposeCode;

    @Column(name = "purpose_version")
    public int purposeVersion;

    @Convert(converter = ActionConverter.class)
    public ConsentAction action;

    /** The status the record leads to; null only when an undone merge leaves no decision. */
    @Convert(converter = ConsentStatusConverter.class)
    public ConsentStatus status;

    /** False for a recorded no-op: a withdrawal of nothing, or a decision older than the current one. */
    public boolean effective;

    @Column(name = "text_version")
    public String textVersion;

    @Column(name = "text_hash")
    public String textHash;

    @Column(name = "notice_version")
    public String noticeVersion;

    @Convert(converter = ChannelConverter.class)
    public Channel channel;

    public String method;

    public String source;

    /** What makes the record unique in the world (an event and purpose, an officer's reference): a replay finds it. */
    @Column(name = "evidence_key")
    public String evidenceKey;

    /** The record of another chain this one was taken from (merges). */
    @Column(name = "derived_from")
    public UUID derivedFrom;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;

    @Converter
    public static class ActionConverter extends CodeConverter<ConsentAction> {
        public ActionConverter() {
            super(ConsentAction.class);
        }
    }

    @Converter
    public static class ChannelConverter extends CodeConverter<Channel> {
        public ChannelConverter() {
            super(Channel.class);
        }
    }
}
