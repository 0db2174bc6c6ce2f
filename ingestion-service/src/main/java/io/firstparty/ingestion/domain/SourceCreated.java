package io.firstparty.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a new source or a new key: the only time the write key is ever shown. */
public record SourceCreated(@JsonUnwrapped Source source, String writeKey) {
}
