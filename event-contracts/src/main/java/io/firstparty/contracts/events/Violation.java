package io.firstparty.contracts.events;

/**
 * One broken rule.
 *
 * @param field JSON pointer of the offending field, e.g. {@code /batch/3/userId}
 * @param rule  what the field must be, in words a form builder can act on
 */
public record Violation(String field, String rule) {
}
