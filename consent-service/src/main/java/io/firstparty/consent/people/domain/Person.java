package io.firstparty.consent.people.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A profile the profile service has resolved: a person consent can be recorded for. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    @Column(name = "profile_id")
    public String profileId;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
}
