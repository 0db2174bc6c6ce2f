package io.firstparty.consent.campaigns.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a notice reaches a person: the first e-mail, the one reminder, the brand's app, or the receipt of their objection. */
public enum DeliveryChannel {
    EMAIL, EMAIL_REMINDER, IN_APP, OBJECTION_RECEIPT;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryChannel of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
