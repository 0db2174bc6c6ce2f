package io.firstparty.profile.resolution.domain;

import io.firstparty.contracts.identity.IdentifierType;

/** An identifier of an event that was not linked, and why; its value is not kept. */
public record Rejection(String messageId, String identifierType, String reason) {

    public static Rejection of(String messageId, IdentifierType type, String reason) {
        return new Rejection(messageId, type.code(), reason);
    }
}
