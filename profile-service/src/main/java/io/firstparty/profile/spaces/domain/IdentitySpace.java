package io.firstparty.profile.spaces.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A shared identity space: the brands linked into it resolve their identifiers together. */
@Entity
@Table(name = "identity_space")
public class IdentitySpace extends PanacheEntityBase {

    /** {@code shared:<name>}, as profiles of the space show it. */
    @Id
    public String name;

    @Column(name = "created_at")
    public Instant createdAt;
}
