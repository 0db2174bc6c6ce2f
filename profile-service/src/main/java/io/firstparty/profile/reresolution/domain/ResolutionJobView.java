package io.firstparty.profile.reresolution.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A re-resolution job as an admin follows it.
 *
 * @param position            the last profile id done (profiles are taken in id order)
 * @param mergesRefused       merges the rules refused or sent to the review queue
 * @param identifiersDetached identifiers taken off their profile (now blocked, or past the shared threshold)
 */
public record ResolutionJobView(UUID id, String status, int batchSize, UUID position, long profilesChecked, int merges,
                                int mergesRefused, int identifiersDetached, List<String> brandsApplied,
                                Instant requestedAt, Instant startedAt, Instant updatedAt, Instant finishedAt) {

    public static ResolutionJobView of(ResolutionJob job) {
        return new ResolutionJobView(job.id, job.status, job.batchSize, job.position, job.profilesChecked, job.merges,
                job.mergesRefused, job.identifiersDetached, List.copyOf(job.brandsApplied), job.requestedAt,
                job.startedAt, job.updatedAt, job.finishedAt);
    }
}
