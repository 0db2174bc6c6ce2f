package io.firstparty.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "firstparty.archive")
public interface ArchiveConfig {

    /** Whether this replica writes the archive and the failed-event store. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Database transactions writing one poll at once, each for its own partitions. The archive's cost
     * is PostgreSQL's, one backend a connection: with one writer the archive cannot use more than one
     * core of the database, however many the collection side takes.
     */
    @WithDefault("2")
    int writers();
}
