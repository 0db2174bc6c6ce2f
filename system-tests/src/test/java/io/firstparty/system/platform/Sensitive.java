package io.firstparty.system.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values the tests handed to the platform that must never be written to a log: tokens, write keys,
 * e-mail addresses, phone numbers. The log scan looks for each of them in every log of the run.
 */
public final class Sensitive {

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private Sensitive() {
    }

    /** Remembers a value and returns it, so a test can write {@code Sensitive.value(token)} where it uses it. */
    public static String value(String value) {
        if (value != null && value.length() >= 6) {
            VALUES.add(value);
        }
        return value;
    }

    public static Set<String> values() {
        return Set.copyOf(VALUES);
    }
}
