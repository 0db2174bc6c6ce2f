package io.firstparty.contracts.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of identifier a person can be known by. */
public enum IdentifierType {
    USER_ID("user_id"),
    ANONYMOUS_ID("anonymous_id"),
    EMAIL("email"),
    PHONE("phone"),
    LOYALTY_CARD("loyalty_card"),
    /**
     * An identifier type a brand declares itself (a CRM id, a shop's customer number): the value is
     * {@code declaredType:id}, e.g. {@code crm_id:C-1042}, so one enum serves every brand's types.
     */
    EXTERNAL("external");

    private final String code;

    IdentifierType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static IdentifierType fromCode(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown identifier type"));
    }

    public static Optional<IdentifierType> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.code.equals(wanted)).findFirst();
    }
}
