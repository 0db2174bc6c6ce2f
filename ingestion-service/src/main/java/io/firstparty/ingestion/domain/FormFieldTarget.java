package io.firstparty.ingestion.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the value of one form field goes in the Segment message, written in a form definition as
 * {@code trait:<name>}, {@code property:<name>}, {@code identifier:email|phone|loyalty_card},
 * {@code consent:<category>}, {@code user_id} or {@code anonymous_id}.
 *
 * @param name the trait, property or consent category; for identifiers the identifier type; null for ids
 */
public record FormFieldTarget(Kind kind, String name) {

    public enum Kind { TRAIT, PROPERTY, IDENTIFIER, CONSENT, USER_ID, ANONYMOUS_ID }

    public static final String FORMAT = "trait:<name>, property:<name>, identifier:email|phone|loyalty_card, "
            + "consent:<category>, user_id or anonymous_id";

    private static final Pattern NAMED =
            Pattern.compile("^(trait|property|consent|identifier):([A-Za-z0-9_-]{1,100})$");

    /** Identifiers also go into the traits the collection API reads them from, so identity resolution sees them. */
    private static final Map<String, String> IDENTIFIER_TRAITS =
            Map.of("email", "email", "phone", "phone", "loyalty_card", "loyaltyCard");

    public static Optional<FormFieldTarget> parse(String text) {
        if ("user_id".equals(text)) {
            return Optional.of(new FormFieldTarget(Kind.USER_ID, null));
        }
        if ("anonymous_id".equals(text)) {
            return Optional.of(new FormFieldTarget(Kind.ANONYMOUS_ID, null));
        }
        Matcher named = text == null ? null : NAMED.matcher(text);
        if (named == null || !named.matches()) {
            return Optional.empty();
        }
        Kind kind = Kind.valueOf(named.group(1).toUpperCase(Locale.ROOT));
        if (kind == Kind.IDENTIFIER && !IDENTIFIER_TRAITS.containsKey(named.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new FormFieldTarget(kind, named.group(2)));
    }

    /** The trait the value is written to: the trait's own name, or the one the identifier is read from. */
    public String traitName() {
        return kind == Kind.IDENTIFIER ? IDENTIFIER_TRAITS.get(name) : name;
    }

    /** The place in the message this target writes to: an identifier writes its trait. */
    public FormFieldTarget destination() {
        return kind == Kind.IDENTIFIER ? new FormFieldTarget(Kind.TRAIT, traitName()) : this;
    }
}
