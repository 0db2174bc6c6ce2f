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
 * HMAC-SHA256 so that no login is needed and no one can object for someone else. Tokens are never logged.
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

    public Issued issue(String profileId, String purpose, String language, Instant now) {
        String lang = LANGUAGES.contains(language) ? language : "en";
        Instant expiresAt = now.plus(config.objection().linkValidity());
        String payload = String.join("|", profileId, purpose, lang, Long.toString(expiresAt.getEpochSecond()));
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return new Issued(ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(sign(body)),
                expiresAt.truncatedTo(ChronoUnit.SECONDS));
    }

    public Ticket read(String token, Instant now) {
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
        String[] fields = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
        Ticket ticket = new Ticket(fields[0], fields[1], fields[2], Instant.ofEpochSecond(Long.parseLong(fields[3])));
        if (!now.isBefore(ticket.expiresAt())) {
            throw new InvalidInputException("/token", "this objection link has expired: ask the brand for a new one");
        }
        return ticket;
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
