package io.firstparty.consent.people.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/**
 * A profile holding an identifier, known by the identifier's hash only. Identity is per brand, so
 * one address may belong to several people (one per brand that has not been linked to another).
 */
@Entity
@Table(name = "identifier_link")
@IdClass(IdentifierLink.Key.class)
public class IdentifierLink extends PanacheEntityBase {

    @Id
    @Column(name = "identifier_hash")
    public String identifierHash;

    @Id
    @Column(name = "profile_id")
    public String profileId;

    @Column(name = "linked_at")
    public Instant linkedAt;

    public record Key(String identifierHash, String profileId) implements Serializable {
    }
}
