package io.firstparty.profile.resolution.domain;

import io.firstparty.contracts.events.EventAccepted;

/**
 * An accepted event as read from its topic, with the JSON it was published as (stored as the event's body).
 * Two are equal when their message ids are: a claimed poll holds each message id once, and hashing
 * the whole event on every map lookup would cost more than resolving it.
 */
public record IncomingEvent(EventAccepted event, String json) {

    @Override
    public boolean equals(Object other) {
        return other instanceof IncomingEvent incoming && event.messageId().equals(incoming.event.messageId());
    }

    @Override
    public int hashCode() {
        return event.messageId().hashCode();
    }
}
