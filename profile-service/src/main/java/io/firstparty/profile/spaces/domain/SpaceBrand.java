package io.firstparty.profile.spaces.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A brand linked into a shared space. A new link is {@code pending}: resolution keeps using the
 * brand's own space, so nothing is merged behind the admin's back, until a re-resolution job
 * activates it and moves the brand's existing profiles into the shared space.
 */
@Entity
@Table(name = "identity_space_brand")
public class SpaceBrand extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";

    @Id
    public String brand;

    @Column(name = "space_name")
    public String spaceName;

    public String status;

    @Column(name = "linked_at")
    public Instant linkedAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    /** The re-resolution job that activated the link. */
    @Column(name = "activated_by")
    public UUID activatedBy;

    public static List<SpaceBrand> ofSpace(String spaceName) {
        return list("spaceName = ?1 order by brand", spaceName);
    }
}
