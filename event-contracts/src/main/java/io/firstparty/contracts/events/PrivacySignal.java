package io.firstparty.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Machine-readable privacy signals a browser or device sends with a request. */
public enum PrivacySignal {
    /** {@code Sec-GPC: 1}, Global Privacy Control. */
    GLOBAL_PRIVACY_CONTROL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
