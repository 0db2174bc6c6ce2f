package io.firstparty.kit.messaging;

import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/** The settings a Kafka admin client takes from a service's {@code kafka.*} configuration. */
public final class AdminSettings {

    private AdminSettings() {
    }

    /**
     * @param kafka every {@code kafka.*} setting of the service (bootstrap servers, and the security
     *              protocol, SASL and TLS settings a production broker needs), as its consumers get them;
     *              inject it with {@code @Identifier("default-kafka-broker") Map<String, Object>}
     */
    public static Map<String, Object> of(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name)) {
                settings.put(name, value);
            }
        });
        return settings;
    }
}
