package io.firstparty.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "firstparty.collection")
public interface CollectionConfig {

    /** How long a write key's source is remembered: the longest a disabled source or old key still works. */
    @WithDefault("10s")
    Duration keyCacheTtl();

    /** Largest single message, as the Segment API allows. */
    @WithDefault("32768")
    int maxMessageBytes();

    /** Largest batch request. */
    @WithDefault("512000")
    int maxBatchBytes();

    @WithDefault("2500")
    int maxBatchMessages();

    /** Deepest nesting of objects and arrays inside a message. */
    @WithDefault("16")
    int maxDepth();

    /** Longest string value anywhere in a message. */
    @WithDefault("8192")
    int maxStringLength();

    /** How far a client's clock may be off before its timestamps are corrected. */
    @WithDefault("PT0S")
    Duration skewTolerance();

    /**
     * Kafka compression of accepted events. None by default: on the gateway CPU is the bottleneck and
     * compressing costs about a tenth of it; clusters where broker disk or network is scarcer set lz4 or zstd.
     */
    @WithDefault("none")
    String compression();

    /** How long the broker may take to acknowledge before the request is answered 503. */
    @WithDefault("10s")
    Duration publishTimeout();
}
