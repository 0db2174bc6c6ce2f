package io.firstparty.consent.state.rest;

import java.util.List;

/** One purpose, many people (at most 10,000 profile ids). */
public record BatchCheckRequest(String purpose, List<String> profileIds) {
}
