package io.firstparty.consent.ledger.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a consent decision was expressed or recorded. */
public enum Channel {
    WEB_FORM, SDK, EMAIL_LINK, IN_APP, GPC, PRIVACY_OFFICER, IMPORT, PREFERENCE_CENTRE, SYSTEM;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> parse(String code) {
        return Arrays.stream(values()).filter(channel -> channel.code().equals(code)).findFirst();
    }
}
