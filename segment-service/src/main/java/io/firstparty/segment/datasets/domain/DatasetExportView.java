package io.firstparty.segment.datasets.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** A recorded dataset export; {@code manifest} is null until the file has been written in full. */
public record DatasetExportView(UUID id, String purpose, String lawfulBasis, String brand, String format,
                                String requestedBy, String status, Instant startedAt, Instant completedAt,
                                JsonNode manifest) {
}
