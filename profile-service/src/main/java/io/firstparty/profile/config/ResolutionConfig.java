package io.firstparty.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "firstparty.resolution")
public interface ResolutionConfig {

    /** Identifiers one event may carry; beyond it only its user and anonymous ids are linked. */
    @WithDefault("20")
    int maxIdentifiersPerEvent();

    /** Profiles one event may join at once; beyond it the merge is refused and waits for review. */
    @WithDefault("10")
    int mergeStormLimit();

    /** Attempts at a poll when two replicas lock the same identifiers the other way round. */
    @WithDefault("5")
    int attempts();

    /** Stored events a dry run of a rule change replays at most (the oldest first). */
    @WithDefault("200000")
    int dryRunEvents();

    /** Re-resolution jobs: how often a replica looks for one to run, and how long it holds one it took. */
    Jobs jobs();

    interface Jobs {

        @WithDefault("10s")
        String every();

        /** Renewed after every batch; a replica that stops holds the job no longer than this. */
        @WithDefault("PT60S")
        Duration lease();

        /** Profiles per batch (one transaction) when the admin does not say. */
        @WithDefault("500")
        int batchSize();
    }
}
