package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.firstparty.kit.problem.InvalidInputException;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body, as a browser posts a form, into the same
 * flat object a JSON client sends. A name sent more than once (a group of checkboxes) becomes a list.
 * Values obey the collection API's string limit, which the JSON parser enforces for JSON bodies.
 * <p>
 * Browsers encode a form in its page's character set and rarely say which in the Content-Type; a
 * form that includes the hidden field {@code _charset_} gets it filled in by the browser. The text
 * is read in the Content-Type's charset, else in {@code _charset_}'s, else in UTF-8.
 */
final class FormFields {

    private FormFields() {
    }

    /** The hidden field browsers fill with the character set they encoded the form in. */
    static final String CHARSET_FIELD = "_charset_";

    /** @param declaredCharset the Content-Type's charset parameter, or null */
    static ObjectNode parse(byte[] body, String declaredCharset, int maxStringLength) {
        Charset charset = charsetOf(body, declaredCharset);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String pair : new String(body, charset).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
            if (CHARSET_FIELD.equals(name)) {
                continue;
            }
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

    private static Charset charsetOf(byte[] body, String declared) {
        String name = declared != null ? declared : charsetField(body);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(declared != null ? "/" : "/" + CHARSET_FIELD,
                    "names a character set this service does not know: use UTF-8");
        }
    }

    /** The {@code _charset_} field's value: names and values of that field are ASCII in every charset. */
    private static String charsetField(byte[] body) {
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.startsWith(CHARSET_FIELD + "=")) {
                return decode(pair.substring(CHARSET_FIELD.length() + 1), StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String decode(String encoded, Charset charset) {
        try {
            return URLDecoder.decode(encoded, charset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("/", "must be well-formed application/x-www-form-urlencoded");
        }
    }
}
