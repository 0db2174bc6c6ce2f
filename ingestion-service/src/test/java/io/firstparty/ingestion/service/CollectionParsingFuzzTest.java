package io.firstparty.ingestion.service;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.Validated;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bodies against the collection path's parsing and validation: every input ends as an
 * accepted event or as violations that name a field, never as any other exception.
 */
class CollectionParsingFuzzTest {

    /** The defaults of {@link CollectionConfig}, for tests that build the collection path by hand. */
    static final CollectionConfig CONFIG = new CollectionConfig() {
        public Duration keyCacheTtl() { return Duration.ofSeconds(10); }
        public int maxMessageBytes() { return 32_768; }
        public int maxBatchBytes() { return 512_000; }
        public int maxBatchMessages() { return 2_500; }
        public int maxDepth() { return 16; }
        public int maxStringLength() { return 8_192; }
        public Duration skewTolerance() { return Duration.ZERO; }
        public String compression() { return "none"; }
        public Duration publishTimeout() { return Duration.ofSeconds(5); }
    };

    private static final JsonLimits JSON = new JsonLimits(CONFIG);
    private static final ObjectMapper JSON_TREES = new ObjectMapper();

    /** Schemas live in the database; the fuzzed path is the one before them. */
    private static final EventSchemas NO_SCHEMAS = new EventSchemas(null, CONFIG) {
        @Override
        public List<Violation> validate(UUID sourceId, EventType type, String event, JsonNode payload, String pointer) {
            return List.of();
        }
    };

    private static final MessageValidator VALIDATOR =
            new MessageValidator(new IdentifierNormalizer("FR"), NO_SCHEMAS, CONFIG);

    private static final Source SOURCE = new Source(UUID.randomUUID(), "brand", "fuzz", List.of(), 1_000,
            EnumSet.allOf(EventType.class), true, "fpwk_fuzz", Instant.EPOCH);

    /** The body read as one message, and as a batch whose messages are located by their bytes. */
    @FuzzTest(maxDuration = "20s")
    void anyBodyIsAcceptedOrRefusedWithReasons(byte[] body) throws IOException {
        try {
            checkValidation(ReceivedMessage.whole(JSON.parse(body), body), body);
        } catch (InvalidInputException refused) {
            assertNamesFields(refused.violations());
        }
        ReceivedBatch batch;
        try {
            batch = JSON.parseBatch(body, 2_500);
        } catch (InvalidInputException | PayloadTooLargeException refused) {
            assertNamesFields(refused.violations());
            return;
        }
        for (ReceivedMessage message : batch.messages() == null ? List.<ReceivedMessage>of() : batch.messages()) {
            assertEquals(message.json(), JSON_TREES.readTree(message.original()), "the bytes located for a message");
            checkValidation(message, body);
        }
    }

    private static void checkValidation(ReceivedMessage message, byte[] body) {
        Validated result = VALIDATOR.validate(message, null, SOURCE, "/batch/0", Instant.now(), null);
        if (!JsonLimits.mayHoldControlCharacters(body) && result instanceof Validated.Invalid invalid) {
            assertTrue(invalid.violations().stream().noneMatch(v -> v.rule().contains("control characters")),
                    "the byte pre-check missed a control character");
        }
        if (result instanceof Validated.Invalid invalid) {
            assertFalse(invalid.violations().isEmpty());
            assertNamesFields(invalid.violations());
        } else if (result instanceof Validated.Valid valid) {
            assertTrue(valid.event().userId() != null || valid.event().anonymousId() != null);
        }
    }

    private static void assertNamesFields(List<Violation> violations) {
        for (Violation violation : violations) {
            assertTrue(violation.field().startsWith("/"), violation.field());
            assertFalse(violation.rule().isBlank());
        }
    }
}
