package io.firstparty.consent.people.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A profile merged into another: it answers as the survivor until the merge is undone. */
@Entity
@Table(name = "profile_link")
public class ProfileLink extends PanacheEntityBase {

    @Id
    @Column(name = "absorbed_id")
    public String absorbedId;

    @Column(name = "survivor_id")
    public String survivorId;

    @Column(name = "merge_id")
    public String mergeId;
}
