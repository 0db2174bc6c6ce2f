package io.firstparty.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored form. Its random id is its public credential, with its source's allowed origins: a form
 * posts without a write key, since a web page cannot keep one secret.
 *
 * @param version counts the definition's replacements, so each event can name the version it came through
 */
public record Form(UUID id, UUID sourceId, int version, @JsonUnwrapped FormDefinition definition,
                   Instant createdAt, Instant updatedAt) {
}
