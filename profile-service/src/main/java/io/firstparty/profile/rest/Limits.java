package io.firstparty.profile.rest;

import io.firstparty.kit.problem.InvalidInputException;

/** The one check of a {@code limit} query parameter, so every list answers the same problem. */
public final class Limits {

    private Limits() {
    }

    public static int checked(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new InvalidInputException("limit", "must be between 1 and " + max);
        }
        return limit;
    }
}
