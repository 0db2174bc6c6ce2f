package io.firstparty.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** GDPR Art. 6 grounds a purpose relies on. Consent-based purposes fail closed without a record. */
public enum LawfulBasis {
    CONSENT, LEGITIMATE_INTEREST, CONTRACT, LEGAL_OBLIGATION;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LawfulBasis fromCode(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown lawful basis"));
    }

    public static Optional<LawfulBasis> parse(String code) {
        return Arrays.stream(values()).filter(basis -> basis.code().equals(code)).findFirst();
    }

    /**
     * Whether a person with no decision on record may be processed: only where the basis is not
     * consent (a legitimate interest holds until the person objects).
     */
    public boolean allowsWithoutRecord() {
        return this != CONSENT;
    }
}
