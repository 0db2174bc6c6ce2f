package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * One message as it arrived: its parsed JSON and, when it came in a request body, where its bytes
 * lie in that body. Its size and original text are read from those bytes, so a valid message is
 * never written out again just to be measured or kept.
 */
public final class ReceivedMessage {

    private final JsonNode json;
    private final byte[] body;
    private final int offset;
    private final int length;

    private ReceivedMessage(JsonNode json, byte[] body, int offset, int length) {
        this.json = json;
        this.body = body;
        this.offset = offset;
        this.length = length;
    }

    /** The message that is the whole request body. */
    public static ReceivedMessage whole(JsonNode json, byte[] body) {
        return new ReceivedMessage(json, body, 0, body.length);
    }

    /** A message at {@code [offset, offset + length)} of a request body. */
    public static ReceivedMessage within(JsonNode json, byte[] body, int offset, int length) {
        return new ReceivedMessage(json, body, offset, length);
    }

    /** A message built by the service (a web form's), with no bytes of its own. */
    public static ReceivedMessage built(JsonNode json) {
        byte[] written = json.toString().getBytes(StandardCharsets.UTF_8);
        return new ReceivedMessage(json, written, 0, written.length);
    }

    public JsonNode json() {
        return json;
    }

    /** Bytes, as the Tracking API's 32 KB limit counts them. */
    public int size() {
        return length;
    }

    /** The text as it was sent, kept with a failed event so it can be replayed. */
    public String original() {
        return new String(body, offset, length, StandardCharsets.UTF_8);
    }
}
