package io.firstparty.consent.people.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The profile an identifier belongs to, known by the identifier's hash only. */
@Entity
@Table(name = "identifier_link")
public class IdentifierLink extends PanacheEntityBase {

    @Id
    @Column(name = "identifier_hash")
    public String identifierHash;

    @Column(name = "profile_id")
    public String profileId;

    @Column(name = "linked_at")
    public Instant linkedAt;
}
