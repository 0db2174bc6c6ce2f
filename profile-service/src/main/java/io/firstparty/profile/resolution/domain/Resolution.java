package io.firstparty.profile.resolution.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What resolving one poll decided, to be written in one transaction and published. */
public final class Resolution {

    /** An event and the profile it landed on when it was resolved (its survivor after later merges). */
    public record Placement(IncomingEvent incoming, UUID profileId) {
    }

    public final List<UUID> newProfiles = new ArrayList<>();
    public final List<MergeDecision> decisions = new ArrayList<>();
    public final List<Placement> placements = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    /** Events dropped because they carry an erased person's identifier. */
    public int erasedEvents;

    public List<MergeDecision> merges() {
        return decisions.stream().filter(MergeDecision::merged).toList();
    }
}
