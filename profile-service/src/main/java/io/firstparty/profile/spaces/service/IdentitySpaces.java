package io.firstparty.profile.spaces.service;

import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.profile.spaces.domain.IdentitySpace;
import io.firstparty.profile.spaces.domain.NewSpace;
import io.firstparty.profile.spaces.domain.SpaceBrand;
import io.firstparty.profile.spaces.domain.SpaceDirectory;
import io.firstparty.profile.spaces.domain.SpaceView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Identity spaces: per brand by default, shared where an admin links brands. A link is recorded
 * as pending and changes nothing until a re-resolution job activates it.
 */
@ApplicationScoped
public class IdentitySpaces {

    /** The links in force, read for every poll (a handful of rows) so every replica follows a change at once. */
    @Transactional
    public SpaceDirectory directory() {
        Map<String, String> shared = new HashMap<>();
        SpaceBrand.<SpaceBrand>list("status", SpaceBrand.ACTIVE).forEach(link -> shared.put(link.brand, link.spaceName));
        return new SpaceDirectory(shared);
    }

    @Transactional
    public List<SpaceView> list() {
        return IdentitySpace.<IdentitySpace>listAll(Sort.by("name")).stream()
                .map(space -> SpaceView.of(space, SpaceBrand.ofSpace(space.name))).toList();
    }

    @Transactional
    public SpaceView get(String name) {
        IdentitySpace space = space(name);
        return SpaceView.of(space, SpaceBrand.ofSpace(space.name));
    }

    @Transactional
    public SpaceView create(NewSpace request) {
        String name = SpaceDirectory.sharedSpace(request.name());
        if (IdentitySpace.findById(name) != null) {
            throw new ConflictException("an identity space with this name exists");
        }
        Set<String> brands = new LinkedHashSet<>();
        request.brands().forEach(brand -> brands.add(brand.strip()));
        if (brands.size() < 2) {
            throw new InvalidInputException("/brands", "must name 2 different brands at least");
        }
        IdentitySpace space = new IdentitySpace();
        space.name = name;
        space.createdAt = Instant.now();
        space.persist();
        brands.forEach(brand -> link(space.name, brand));
        return SpaceView.of(space, SpaceBrand.ofSpace(name));
    }

    @Transactional
    public SpaceView addBrand(String name, String brand) {
        IdentitySpace space = space(name);
        link(space.name, brand.strip());
        return SpaceView.of(space, SpaceBrand.ofSpace(space.name));
    }

    /** Activates every pending link, for the re-resolution job that will move their profiles. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> activatePending(UUID jobId) {
        List<SpaceBrand> pending = SpaceBrand.list("status = ?1 order by brand", SpaceBrand.PENDING);
        Instant now = Instant.now();
        for (SpaceBrand link : pending) {
            link.status = SpaceBrand.ACTIVE;
            link.activatedAt = now;
            link.activatedBy = jobId;
        }
        return pending.stream().map(link -> link.brand).toList();
    }

    private static void link(String spaceName, String brand) {
        SpaceBrand existing = SpaceBrand.findById(brand);
        if (existing != null) {
            throw new ConflictException("the brand is already linked into " + existing.spaceName
                    + "; a brand belongs to one shared space at most");
        }
        SpaceBrand link = new SpaceBrand();
        link.brand = brand;
        link.spaceName = spaceName;
        link.status = SpaceBrand.PENDING;
        link.linkedAt = Instant.now();
        link.persist();
    }

    /** Accepts the name as shown on profiles ({@code shared:acme-group}) or without its prefix. */
    private static IdentitySpace space(String name) {
        IdentitySpace space = IdentitySpace.findById(name.startsWith("shared:") ? name : SpaceDirectory.sharedSpace(name));
        if (space == null) {
            throw new ResourceNotFoundException("no shared identity space with this name");
        }
        return space;
    }
}
