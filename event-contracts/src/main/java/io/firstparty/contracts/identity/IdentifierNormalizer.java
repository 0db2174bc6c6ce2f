package io.firstparty.contracts.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place identifiers are normalised. Ingestion normalises on the way in and the other
 * services normalise lookups the same way, so {@code " Ada@Example.COM "} and
 * {@code "ada@example.com"} are one person, and so are {@code 06 12 34 56 78} and
 * {@code +33612345678}.
 */
public final class IdentifierNormalizer {

    public static final int MAX_LENGTH = 256;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CARD_SEPARATORS = Pattern.compile("[\\s\\-.]+");
    private static final Pattern CARD = Pattern.compile("^[A-Z0-9]{4,64}$");
    private static final Pattern DECLARED_TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultPhoneRegion;

    /** @param defaultPhoneRegion ISO 3166 region assumed for numbers written without a country code */
    public IdentifierNormalizer(String defaultPhoneRegion) {
        if (!PHONES.getSupportedRegions().contains(defaultPhoneRegion)) {
            throw new IllegalArgumentException("unsupported phone region " + defaultPhoneRegion);
        }
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    public Identifier normalize(IdentifierType type, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException(type, "must not be blank");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException(type, "must be at most " + MAX_LENGTH + " characters");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidIdentifierException(type, "must not contain control characters");
        }
        String value = switch (type) {
            case EMAIL -> email(raw);
            case PHONE -> phone(raw);
            case LOYALTY_CARD -> loyaltyCard(raw);
            case USER_ID, ANONYMOUS_ID -> raw.strip();
            case EXTERNAL -> external(raw);
        };
        return new Identifier(type, value);
    }

    private static String email(String raw) {
        String value = WHITESPACE.matcher(raw).replaceAll("").toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "must be an e-mail address such as name@example.com");
        }
        return value;
    }

    private String phone(String raw) {
        try {
            PhoneNumber number = PHONES.parse(raw, defaultPhoneRegion);
            if (!PHONES.isValidNumber(number)) {
                throw new InvalidIdentifierException(IdentifierType.PHONE, "must be a valid phone number");
            }
            return PHONES.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidIdentifierException(IdentifierType.PHONE, "must be a phone number in national or international form");
        }
    }

    /** {@code declaredType:id}: the declared type lower-cased, the id kept as sent, both trimmed. */
    private static String external(String raw) {
        int colon = raw.indexOf(':');
        String declared = colon < 0 ? "" : raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String id = colon < 0 ? "" : raw.substring(colon + 1).strip();
        if (!DECLARED_TYPE.matcher(declared).matches() || id.isEmpty()) {
            throw new InvalidIdentifierException(IdentifierType.EXTERNAL,
                    "must be declaredType:id, the type in lower-case letters, digits and underscores");
        }
        return declared + ":" + id;
    }

    private static String loyaltyCard(String raw) {
        String value = CARD_SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (!CARD.matcher(value).matches()) {
            throw new InvalidIdentifierException(IdentifierType.LOYALTY_CARD, "must be 4 to 64 letters or digits");
        }
        return value;
    }
}
