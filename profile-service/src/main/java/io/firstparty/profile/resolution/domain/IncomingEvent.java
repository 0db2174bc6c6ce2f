package io.firstparty.profile.resolution.domain;

import io.firstparty.contracts.events.EventAccepted;

/** An accepted event as read from its topic, with the JSON it was published as (stored as the event's body). */
public record IncomingEvent(EventAccepted event, String json) {
}
