package io.firstparty.consent.selfservice.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A request a person made on the public form, waiting for (or filed after) the confirmation of their address. */
@Entity
@Table(name = "person_request")
public class PersonRequest extends PanacheEntityBase {

    @Id
    public String id;

    /** {@code access}, {@code portability}, {@code erasure} or {@code objection}. */
    @Column(name = "request_type")
    public String type;

    /** The address that asked; null once no longer needed. Never logged. */
    public String email;

    /** SHA-256 of the e-mail identifier: binds the archive link to the address that asked. */
    @Column(name = "email_hash")
    public String emailHash;

    /** Comma-separated purpose codes of an objection; null for every legitimate interest. */
    public String purposes;

    public String language;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** The access, erasure or objection request filed once confirmed. */
    @Column(name = "filed_request_id")
    public String filedRequestId;

    @Column(name = "archive_sent_at")
    public Instant archiveSentAt;
}
