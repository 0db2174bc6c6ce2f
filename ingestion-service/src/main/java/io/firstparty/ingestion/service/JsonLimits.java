package io.firstparty.ingestion.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses untrusted request bodies with hard limits on nesting and string length, so a hostile
 * body costs little and is refused with the rule it broke.
 */
@ApplicationScoped
public class JsonLimits {

    private final ObjectMapper mapper;

    JsonLimits(CollectionConfig config) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(config.maxDepth() + 2)
                        .maxStringLength(config.maxStringLength())
                        .maxNumberLength(100)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public JsonNode parse(byte[] body) {
        requireBody(body);
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw notAnObject();
            }
            return node;
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    /**
     * Reads a batch request in one pass, noting where each message of {@code batch} lies in the body.
     *
     * @throws PayloadTooLargeException as soon as {@code batch} holds more than {@code maxMessages}
     */
    public ReceivedBatch parseBatch(byte[] body, int maxMessages) {
        requireBody(body);
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject();
            }
            ObjectNode envelope = mapper.createObjectNode();
            List<ReceivedMessage> messages = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && "batch".equals(field)) {
                    messages = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (messages.size() == maxMessages) {
                            throw new PayloadTooLargeException("/batch", "must hold at most " + maxMessages + " messages");
                        }
                        messages.add(readMessage(parser, body));
                    }
                } else {
                    envelope.set(field, mapper.readTree(parser));
                }
            }
            return new ReceivedBatch(envelope, messages);
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    private ReceivedMessage readMessage(JsonParser parser, byte[] body) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode message = mapper.readTree(parser);
        if (!message.isContainerNode()) {
            return ReceivedMessage.built(message);
        }
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        return ReceivedMessage.within(message, body, (int) start, (int) (end - start));
    }

    /** Whether the body's first character, after white space and a byte order mark, opens a JSON object. */
    static boolean startsWithObject(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i < body.length && body[i] == '{';
    }

    private static void requireBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw notAnObject();
        }
    }

    private static InvalidInputException notAnObject() {
        return new InvalidInputException("/", "the body must be a JSON object");
    }

    private static InvalidInputException refusal(IOException error) {
        if (error instanceof StreamConstraintsException limit) {
            return new InvalidInputException("/", "exceeds a size limit: " + limitBroken(limit));
        }
        if (error instanceof JsonProcessingException malformed && malformed.getLocation() != null) {
            return new InvalidInputException("/", "must be well-formed JSON (error at line "
                    + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr() + ")");
        }
        return new InvalidInputException("/", "must be well-formed JSON");
    }

    /**
     * False when no string in the body can hold a control character, so validation may skip looking.
     * JSON forbids raw control characters in strings except DEL; the others can only arrive escaped,
     * as a backslash followed by b, f or u. One pass over the bytes costs far less than walking every
     * string of the parsed tree.
     */
    public static boolean mayHoldControlCharacters(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == 0x7f) {
                return true;
            }
            if (b == '\\' && i + 1 < body.length) {
                byte escaped = body[++i];
                if (escaped == 'u' || escaped == 'b' || escaped == 'f') {
                    return true;
                }
            }
        }
        return false;
    }

    private static String limitBroken(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "objects and arrays nested too deeply";
        }
        if (message.contains("String value length")) {
            return "a string value is too long";
        }
        return "a number is too long";
    }
}
