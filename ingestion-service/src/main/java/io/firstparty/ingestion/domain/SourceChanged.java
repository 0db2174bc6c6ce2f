package io.firstparty.ingestion.domain;

import java.util.UUID;

/**
 * In-process notice that a source was created, enabled or disabled, so that what this replica
 * remembers about sources (allowed origins) is read again at once rather than when it expires.
 */
public record SourceChanged(UUID sourceId) {
}
