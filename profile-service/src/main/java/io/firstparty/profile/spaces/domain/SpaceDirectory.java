package io.firstparty.profile.spaces.domain;

import java.util.Map;

/**
 * Which identity space each brand's events resolve in, as in force for one poll. Identifiers link
 * people only within a space: a brand has a space of its own unless an admin linked it into a
 * shared one (and a re-resolution job activated the link).
 */
public record SpaceDirectory(Map<String, String> sharedSpaceOfBrand) {

    /** Where events without a brand (published before brands travelled with events) resolve. */
    public static final String DEFAULT = "default";
    private static final String BRAND_PREFIX = "brand:";
    private static final String SHARED_PREFIX = "shared:";

    public SpaceDirectory {
        sharedSpaceOfBrand = Map.copyOf(sharedSpaceOfBrand);
    }

    public String spaceOf(String brand) {
        if (brand == null) {
            return DEFAULT;
        }
        return sharedSpaceOfBrand.getOrDefault(brand, ownSpace(brand));
    }

    /** Where the profiles of {@code space} belong now: a brand's own space is replaced by the shared space it was linked into. */
    public String currentSpace(String space) {
        return space.startsWith(BRAND_PREFIX) ? spaceOf(space.substring(BRAND_PREFIX.length())) : space;
    }

    /** The space a brand has while it is linked to no other. */
    public static String ownSpace(String brand) {
        return BRAND_PREFIX + brand;
    }

    public static String sharedSpace(String name) {
        return SHARED_PREFIX + name;
    }
}
