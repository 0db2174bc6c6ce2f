package io.firstparty.profile.profiles.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A profile row; a merged-away profile keeps its id and points at the profile it was folded into. */
@Entity
@Table(name = "profile")
public class ProfileEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "merged_into")
    public UUID mergedInto;

    /** The identity space whose identifiers link to this profile. */
    public String space;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static ProfileEntity create(String space) {
        ProfileEntity profile = new ProfileEntity();
        profile.id = UUID.randomUUID();
        profile.space = space;
        profile.createdAt = Instant.now();
        profile.updatedAt = profile.createdAt;
        profile.persist();
        return profile;
    }
}
