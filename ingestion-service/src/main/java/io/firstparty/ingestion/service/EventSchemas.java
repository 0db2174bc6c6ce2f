package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.EventSchema;
import io.firstparty.ingestion.repository.EventSchemaRepository;
import io.firstparty.kit.problem.DependencyUnavailableException;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas sources declare for their events, compiled once and cached briefly so that the
 * collection path does not read the database for every message. An event with no schema is only
 * checked against the Tracking API's own rules.
 */
@ApplicationScoped
public class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();

    private final EventSchemaRepository repository;
    private final Duration ttl;
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    EventSchemas(EventSchemaRepository repository, CollectionConfig config) {
        this.repository = repository;
        this.ttl = config.keyCacheTtl();
    }

    public static String eventKey(EventType type, String event) {
        return type == EventType.TRACK ? "track:" + event : type.code();
    }

    /** Checks a schema compiles before it is stored; answers the new version. */
    @Transactional
    public int declare(UUID sourceId, String eventKey, JsonNode schema) throws SQLException {
        if (schema == null || !schema.isObject()) {
            throw new InvalidInputException("/", "a JSON Schema must be an object");
        }
        try {
            FACTORY.getSchema(schema, CONFIG).validate(JsonNodeFactory.instance.objectNode());
        } catch (RuntimeException e) {
            throw new InvalidInputException("/", "is not a usable JSON Schema (2020-12)");
        }
        int version = repository.addVersion(sourceId, eventKey, schema);
        cache.remove(sourceId + "|" + eventKey);
        return version;
    }

    /**
     * @param payload the properties (track, page, screen) or traits (identify, group) to check
     * @param pointer where the message sits in the request, for the violations' field names
     */
    public List<Violation> validate(UUID sourceId, EventType type, String event, JsonNode payload, String pointer) {
        String key = eventKey(type, event);
        Optional<JsonSchema> schema = compiled(sourceId, key);
        if (schema.isEmpty()) {
            return List.of();
        }
        String field = type == EventType.IDENTIFY || type == EventType.GROUP ? "/traits" : "/properties";
        JsonNode checked = payload != null ? payload : JsonNodeFactory.instance.objectNode();
        return schema.get().validate(checked).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                .map(message -> new Violation(pointer + field + message.getInstanceLocation(), rule(message)))
                .toList();
    }

    private Optional<JsonSchema> compiled(UUID sourceId, String key) {
        String cacheKey = sourceId + "|" + key;
        long now = System.nanoTime();
        Compiled cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAt - now > 0) {
            return cached.schema;
        }
        try {
            Optional<JsonSchema> schema = repository.latest(sourceId, key)
                    .map(EventSchema::schema)
                    .map(node -> FACTORY.getSchema(node, CONFIG));
            cache.put(cacheKey, new Compiled(schema, now + ttl.toNanos()));
            return schema;
        } catch (SQLException | PersistenceException e) {
            throw new DependencyUnavailableException("event schemas cannot be read right now", Duration.ofSeconds(5));
        }
    }

    /** The validator's message without its location prefix, which the violation's field already gives. */
    private static String rule(ValidationMessage message) {
        String text = message.getMessage();
        String location = message.getInstanceLocation().toString();
        return text.startsWith(location + ": ") ? text.substring(location.length() + 2) : text;
    }

    private record Compiled(Optional<JsonSchema> schema, long expiresAt) {
    }
}
