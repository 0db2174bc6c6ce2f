package io.firstparty.profile.profiles.domain;

import java.util.List;

/** A page of a list, with the cursor of the next page (null on the last). */
public record Page<T>(List<T> items, String next) {
}
