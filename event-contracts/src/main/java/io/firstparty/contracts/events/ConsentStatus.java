package io.firstparty.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a person stands on one purpose. Only {@link #GRANTED} allows consent-based processing. */
public enum ConsentStatus {
    GRANTED, DENIED, WITHDRAWN, OBJECTED, EXPIRED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean allowsProcessing() {
        return this == GRANTED;
    }
}
