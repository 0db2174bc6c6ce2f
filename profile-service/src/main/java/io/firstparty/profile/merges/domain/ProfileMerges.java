package io.firstparty.profile.merges.domain;

import java.util.List;
import java.util.UUID;

/**
 * Why each identifier belongs to a profile, and the profile's merge log.
 *
 * @param identifiers each identifier with the event that brought it and the merges that carried it here
 * @param merges      every merge, refusal and unmerge involving this profile or the profiles folded into it
 */
public record ProfileMerges(UUID profileId, List<IdentifierOrigin> identifiers, List<MergeView> merges) {

    /**
     * @param linkedBy        the event that first linked it
     * @param originProfileId the profile it joined then
     * @param viaMerges       the merges, oldest first, that carried that profile into this one (empty when it joined here)
     */
    public record IdentifierOrigin(String type, String value, String status, String linkedBy, UUID originProfileId,
                                   List<UUID> viaMerges) {
    }
}
