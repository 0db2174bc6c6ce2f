package io.firstparty.contracts;

/**
 * A record that crosses a topic. Its schema version travels with it so that a consumer can tell
 * an older shape from a newer one; additive changes keep the version, breaking ones raise it.
 */
public interface VersionedRecord {

    int schemaVersion();

    /** The Kafka record key: one person's records share it, so they stay in order on one partition. */
    String partitionKey();
}
