package io.firstparty.segment.membership.domain;

/** What one evaluation changed. */
public record Applied(long entered, long exited) {

    public Applied plus(Applied other) {
        return new Applied(entered + other.entered, exited + other.exited);
    }
}
