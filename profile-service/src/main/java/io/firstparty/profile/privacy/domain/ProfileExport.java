package io.firstparty.profile.privacy.domain;

import io.firstparty.profile.merges.domain.MergeView;
import io.firstparty.profile.merges.domain.ProfileMerges;
import io.firstparty.profile.profiles.domain.Profile;
import io.firstparty.profile.profiles.domain.TimelineEvent;

import java.time.Instant;
import java.util.List;

/** Everything the profile service holds about a person, as one document (GDPR Art. 15 and 20). */
public record ProfileExport(Instant exportedAt, Profile profile, List<ProfileMerges.IdentifierOrigin> identifiers,
                            List<TimelineEvent> events, List<MergeView> merges) {
}
