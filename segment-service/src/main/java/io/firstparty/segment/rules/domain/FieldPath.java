package io.firstparty.segment.rules.domain;

import java.util.List;

/**
 * A field inside an event or a profile, such as {@code properties.answers.skin_type}.
 *
 * @param column the JSON column it lives in: {@code properties}, {@code context} or {@code traits}
 * @param keys   the keys below that column
 */
public record FieldPath(String column, List<String> keys) {

    public FieldPath {
        keys = List.copyOf(keys);
    }

    public String[] keyArray() {
        return keys.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return column + "." + String.join(".", keys);
    }
}
