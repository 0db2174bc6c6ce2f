package io.firstparty.profile.service;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.firstparty.profile.domain.Profile;
import io.firstparty.profile.repository.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.UUID;

@ApplicationScoped
public class ProfileLookup {

    private final ProfileRepository profiles;

    ProfileLookup(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    public Profile byId(UUID id) throws SQLException {
        return profiles.findById(id).orElseThrow(() -> new ResourceNotFoundException("no profile with this id"));
    }

    public Profile byIdentifier(Identifier identifier) throws SQLException {
        UUID id = profiles.findIdByIdentifier(identifier)
                .orElseThrow(() -> new ResourceNotFoundException("no profile is known by this identifier"));
        return byId(id);
    }
}
