package io.firstparty.kit.readiness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "firstparty.topics")
public interface TopicsConfig {

    /** Copies of each partition: 1 on a single local broker, 3 in a cluster. */
    @WithDefault("1")
    short replicationFactor();

    /** How long one attempt to reach the broker may take. */
    @WithDefault("5s")
    Duration timeout();
}
