package io.firstparty.profile.profiles.domain;

import io.firstparty.kit.problem.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Where a timeline page ends: the last event's time and message id, opaque to clients. */
public record TimelineCursor(Instant occurredAt, String messageId) {

    private static final String RULE = "must be a cursor returned by a previous page";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + messageId).getBytes(StandardCharsets.UTF_8));
    }

    public static TimelineCursor decode(String field, String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0 || bar == decoded.length() - 1) {
                throw new InvalidInputException(field, RULE);
            }
            return new TimelineCursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInputException(field, RULE);
        }
    }
}
