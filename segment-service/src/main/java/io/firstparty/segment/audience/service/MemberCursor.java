package io.firstparty.segment.audience.service;

import io.firstparty.kit.problem.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque position in a segment's member list: the segment and the last profile id served. A
 * cursor of another segment, or one that was not issued here, is refused.
 */
public final class MemberCursor {

    private static final String VERSION = "m1";
    private static final int MAX_LENGTH = 512;

    private MemberCursor() {
    }

    public static String after(UUID segmentId, String profileId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + "|" + segmentId + "|" + profileId).getBytes(StandardCharsets.UTF_8));
    }

    /** The last profile id served, or "" for the first page. */
    public static String read(UUID segmentId, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || !segmentId.toString().equals(parts[1]) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            return parts[2];
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list issued; start again without one");
        }
    }
}
