package io.firstparty.consent.objection.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;

/**
 * The personal, expiring link of an objection form: the person, purpose and language signed with
 * HMAC-SHA256 so that no login is needed and no one can object for someone else. The link sent to an
 * address that asked to object by e-mail is signed alike, and carries the address's hash, never the
 * address. The two kinds cannot stand for each other. Tokens are never logged.
 */
@ApplicationScoped
public class ObjectionTokens {

    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ConsentConfig config;

    ObjectionTokens(ConsentConfig config) {
        this.config = config;
    }

    /** Who may object to what, read from a link that we signed and that has not expired. */
    public record Ticket(String profileId, String purpose, String language, Instant expiresAt) {
    }

    /** A signed token and the moment it stops working. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** Who may object by e-mail: the hash of the address's identifier ({@code email:...}), for a purpose. */
    public record Confirmation(String identifierHash, String purpose, String language, Instant expiresAt) {
    }

    private static final String CONFIRMATION = "address";

    public Issued issue(String profileId, String purpose, String language, Instant now) {
        String lang = language != null && LANGUAGES.contains(language) ? language : "en";
        Instant expiresAt = now.plus(config.objection().linkValidity());
        return sign(expiresAt, profileId, purpose, lang, Long.toString(expiresAt.getEpochSecond()));
    }

    /** The link sent to an address to confirm its objection; valid for the shorter confirmation validity. */
    public Issued issueConfirmation(String identifierHash, String purpose, String language, Instant now) {
        String lang = language != null && LANGUAGES.contains(language) ? language : "en";
        Instant expiresAt = now.plus(config.objection().confirmationValidity());
        return sign(expiresAt, CONFIRMATION, identifierHash, purpose, lang, Long.toString(expiresAt.getEpochSecond()));
    }

    public Ticket read(String token, Instant now) {
        String[] fields = verified(token);
        if (fields.length != 4) {
            throw forged();
        }
        Ticket ticket = new Ticket(fields[0], fields[1], fields[2], expiry(fields[3]));
        if (!now.isBefore(ticket.expiresAt())) {
            throw new InvalidInputException("/token", "this objection link has expired: ask the brand for a new one");
        }
        return ticket;
    }

    public Confirmation readConfirmation(String token, Instant now) {
        String[] fields = verified(token);
        if (fields.length != 5 || !CONFIRMATION.equals(fields[0])) {
            throw forged();
        }
        Confirmation confirmation = new Confirmation(fields[1], fields[2], fields[3], expiry(fields[4]));
        if (!now.isBefore(confirmation.expiresAt())) {
            throw new InvalidInputException("/token",
                    "this confirmation link has expired: ask for a new one on the objection page");
        }
        return confirmation;
    }

    private Issued sign(Instant expiresAt, String... fields) {
        byte[] body = String.join("|", fields).getBytes(StandardCharsets.UTF_8);
        return new Issued(ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(sign(body)),
                expiresAt.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Instant expiry(String epochSeconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (NumberFormatException malformed) {
            throw forged();
        }
    }

    /** The signed fields of a token, or a 400 naming the token when we did not sign it. */
    private String[] verified(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        byte[] body;
        byte[] signature;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            body = DECODER.decode(parts[0]);
            signature = DECODER.decode(parts[1]);
        } catch (IllegalArgumentException malformed) {
            throw forged();
        }
        if (!MessageDigest.isEqual(sign(body), signature)) {
            throw forged();
        }
        return new String(body, StandardCharsets.UTF_8).split("\\|", -1);
    }

    private static InvalidInputException forged() {
        return new InvalidInputException("/token", "is not an objection link issued by this brand");
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.objection().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is not available", impossible);
        }
    }
}
