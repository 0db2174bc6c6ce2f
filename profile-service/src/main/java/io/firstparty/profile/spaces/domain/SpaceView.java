package io.firstparty.profile.spaces.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shared identity space and its brands, each with whether its link is in force yet. */
public record SpaceView(String name, Instant createdAt, List<LinkedBrand> brands) {

    public record LinkedBrand(String brand, String status, Instant linkedAt, Instant activatedAt, UUID activatedBy) {
    }

    public static SpaceView of(IdentitySpace space, List<SpaceBrand> brands) {
        return new SpaceView(space.name, space.createdAt, brands.stream().map(brand -> new LinkedBrand(brand.brand,
                brand.status, brand.linkedAt, brand.activatedAt, brand.activatedBy)).toList());
    }
}
