package io.firstparty.consent.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** GDPR Art. 6 grounds a purpose relies on; consent-based purposes fail closed without a record. */
public enum LawfulBasis {
    CONSENT, LEGITIMATE_INTEREST, CONTRACT, LEGAL_OBLIGATION;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LawfulBasis fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
