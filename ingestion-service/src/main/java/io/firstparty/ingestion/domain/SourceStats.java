package io.firstparty.ingestion.domain;

/**
 * What became of a source's messages. Every message the API accepted is either stored or among
 * the failed events; duplicates of stored ones are counted, not stored.
 *
 * @param failedOpen failed events not replayed yet
 */
public record SourceStats(long stored, long failed, long failedOpen, long duplicates) {
}
