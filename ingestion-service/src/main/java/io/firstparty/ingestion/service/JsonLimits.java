package io.firstparty.ingestion.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

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
        if (body == null || body.length == 0) {
            throw new InvalidInputException("/", "the body must be a JSON object");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("/", "the body must be a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("/", "exceeds a size limit: " + limitBroken(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("/", "must be well-formed JSON (error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new InvalidInputException("/", "must be well-formed JSON");
        }
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
