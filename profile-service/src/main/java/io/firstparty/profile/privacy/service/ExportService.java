package io.firstparty.profile.privacy.service;

import io.firstparty.profile.merges.domain.ProfileMerges;
import io.firstparty.profile.merges.service.MergeHistory;
import io.firstparty.profile.privacy.domain.ProfileExport;
import io.firstparty.profile.profiles.domain.Profile;
import io.firstparty.profile.profiles.repository.ProfileRepository;
import io.firstparty.profile.profiles.service.ProfileLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ExportService {

    private final ProfileLookup lookup;
    private final MergeHistory merges;
    private final ProfileRepository profiles;

    ExportService(ProfileLookup lookup, MergeHistory merges, ProfileRepository profiles) {
        this.lookup = lookup;
        this.merges = merges;
        this.profiles = profiles;
    }

    /** Read in one transaction, so the document is one consistent picture. */
    @Transactional(rollbackOn = Exception.class)
    public ProfileExport export(UUID id) throws SQLException {
        Profile profile = lookup.byId(id);
        ProfileMerges history = merges.of(profile.id());
        return new ProfileExport(Instant.now(), profile, history.identifiers(),
                profiles.events(profile.id(), null, Integer.MAX_VALUE), history.merges());
    }
}
