package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.firstparty.kit.problem.InvalidInputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body, as a browser posts a form, into the same
 * flat object a JSON client sends. A name sent more than once (a group of checkboxes) becomes a list.
 * Values obey the collection API's string limit, which the JSON parser enforces for JSON bodies.
 */
final class FormFields {

    private FormFields() {
    }

    static ObjectNode parse(byte[] body, int maxStringLength) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value.length() > maxStringLength) {
                throw new InvalidInputException("/" + name, "must be at most " + maxStringLength + " characters");
            }
            JsonNode earlier = fields.get(name);
            if (earlier == null) {
                fields.put(name, value);
            } else {
                ArrayNode list = earlier.isArray() ? (ArrayNode) earlier : fields.putArray(name).add(earlier);
                list.add(TextNode.valueOf(value));
            }
        }
        return fields;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("/", "must be well-formed application/x-www-form-urlencoded (UTF-8)");
        }
    }
}
