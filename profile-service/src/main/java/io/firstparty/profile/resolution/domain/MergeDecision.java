package io.firstparty.profile.resolution.domain;

import java.util.List;
import java.util.UUID;

/**
 * One entry of the merge log: two profiles found together, merged or not, and why.
 *
 * @param rule           what decided: the identifier type that linked them, or the rule that refused
 * @param identifierKeys the identifiers ({@code type:value}) that linked them
 */
public record MergeDecision(UUID id, UUID survivorId, UUID absorbedId, String status, String rule, String reason,
                            String messageId, List<String> identifierKeys) {

    public static final String MERGED = "merged";
    /** Refused for good: a device seen with two identified people. */
    public static final String REFUSED = "refused";
    /** Refused by a limit or as a merge storm; waits in the review queue for an admin. */
    public static final String PENDING_REVIEW = "pending-review";
    public static final String REJECTED = "rejected";
    public static final String UNMERGED = "unmerged";

    public boolean merged() {
        return MERGED.equals(status);
    }
}
