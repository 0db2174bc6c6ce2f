package io.firstparty.profile.graph.domain;

import java.time.Instant;

/** An identifier of an event that was not linked; its value is not kept. */
public record RejectedIdentifier(String messageId, String identifierType, String reason, Instant at) {
}
