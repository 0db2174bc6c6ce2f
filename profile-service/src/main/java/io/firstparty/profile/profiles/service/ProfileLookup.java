package io.firstparty.profile.profiles.service;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.profile.profiles.domain.LinkedIdentifier;
import io.firstparty.profile.profiles.domain.Page;
import io.firstparty.profile.profiles.domain.Profile;
import io.firstparty.profile.profiles.domain.ProfileEntity;
import io.firstparty.profile.profiles.domain.TimelineCursor;
import io.firstparty.profile.profiles.domain.TimelineEvent;
import io.firstparty.profile.profiles.repository.ProfileRepository;
import io.firstparty.profile.rest.Limits;
import io.firstparty.profile.spaces.service.IdentitySpaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProfileLookup {

    public static final int MAX_PAGE = 200;
    private static final int MAX_MERGE_DEPTH = 1000;

    private final ProfileRepository profiles;
    private final IdentitySpaces spaces;

    ProfileLookup(ProfileRepository profiles, IdentitySpaces spaces) {
        this.profiles = profiles;
        this.spaces = spaces;
    }

    /** The profile a (possibly merged-away) id lives on now. */
    @Transactional
    public ProfileEntity survivor(UUID id) {
        ProfileEntity profile = ProfileEntity.findById(id);
        for (int depth = 0; profile != null && profile.mergedInto != null && depth < MAX_MERGE_DEPTH; depth++) {
            profile = ProfileEntity.findById(profile.mergedInto);
        }
        if (profile == null) {
            throw new ResourceNotFoundException("no profile with this id");
        }
        return profile;
    }

    /**
     * Rows, no entities and no transaction of its own: reading a profile is the API's hot path, and its
     * one statement sees committed data as a read-committed transaction would.
     */
    public Profile byId(UUID id) throws SQLException {
        return profiles.profile(id).orElseThrow(() -> new ResourceNotFoundException("no profile with this id"));
    }

    public Profile byIdentifier(Identifier identifier, String brand, String space) throws SQLException {
        return byId(holder(identifier, brand, space).profileId());
    }

    /** The identifier's entity in the space {@link #holder} chooses, for changes made to it. */
    @Transactional(rollbackOn = Exception.class)
    public LinkedIdentifier locate(Identifier identifier, String brand, String space) throws SQLException {
        return LinkedIdentifier.find(holder(identifier, brand, space).space(), identifier);
    }

    /**
     * The identifier as known in the identity space of {@code brand}, or in the space named; with
     * neither, in the one space that knows it. Identity is per brand, so the same e-mail may belong
     * to two people at two brands that are not linked: then the caller must say which brand.
     */
    private ProfileRepository.Holder holder(Identifier identifier, String brand, String space) throws SQLException {
        if (brand != null && space != null) {
            throw new InvalidInputException("space", "give either brand or space, not both");
        }
        String chosen = space != null ? space : brand != null ? spaces.directory().spaceOf(brand.strip()) : null;
        List<ProfileRepository.Holder> known = profiles.holders(identifier, chosen);
        if (known.isEmpty()) {
            throw new ResourceNotFoundException(chosen != null
                    ? "no profile is known by this identifier in the identity space " + chosen
                    : "no profile is known by this identifier");
        }
        if (known.size() > 1) {
            throw new InvalidInputException("brand", "is required: this identifier belongs to different profiles in "
                    + known.size() + " identity spaces (" + String.join(", ", known.stream().map(ProfileRepository.Holder::space).toList())
                    + "); name the brand, or the space with space=");
        }
        return known.get(0);
    }

    public List<Profile> byTrait(String name, String value, int limit) throws SQLException {
        if (name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("trait", "must be a trait name of 1 to 200 characters");
        }
        if (value == null) {
            throw new InvalidInputException("value", "is required with trait");
        }
        List<Profile> found = new ArrayList<>();
        for (UUID id : profiles.withTrait(name, value, limit)) {
            found.add(byId(id));
        }
        return found;
    }

    public Page<TimelineEvent> events(UUID id, String cursor, int limit) throws SQLException {
        Limits.checked(limit, MAX_PAGE);
        TimelineCursor after = cursor == null || cursor.isEmpty() ? null : TimelineCursor.decode("cursor", cursor);
        UUID profile = survivor(id).id;
        List<TimelineEvent> events = profiles.events(profile, after, limit + 1);
        if (events.size() <= limit) {
            return new Page<>(events, null);
        }
        TimelineEvent last = events.get(limit - 1);
        return new Page<>(events.subList(0, limit), new TimelineCursor(last.occurredAt(), last.messageId()).encode());
    }
}
