package io.firstparty.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firstparty.contracts.events.Violation;

import java.util.List;

/**
 * RFC 9457 problem details, with the extension members {@code violations} (one per broken rule)
 * and {@code errorId} (to find an unexpected failure in the logs).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<Violation> violations, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://firstparty.dev/problems/";

    public static Problem of(String type, String title, int status, String detail, String instance,
                             List<Violation> violations) {
        return new Problem(TYPE_BASE + type, title, status, detail, instance, violations, null);
    }

    public Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, instance, violations, id);
    }
}
