package io.firstparty.consent.signing;

import io.firstparty.kit.problem.InvalidInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Signs the fields of a link (HMAC-SHA256, with an expiry) and reads them back, refusing a link that
 * was altered, signed with another key or has expired. The fields must not contain {@code |}. A token
 * is a credential: it is never logged.
 */
public final class LinkSigner {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public LinkSigner(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a link signer needs a secret");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(List<String> fields, Instant expiresAt) {
        String payload = String.join("|", fields) + "|" + expiresAt.getEpochSecond();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    /**
     * @param field the request field a refusal names, e.g. {@code /token}
     * @return the signed fields, without the expiry
     */
    public List<String> read(String token, Instant now, String field) {
        String[] parts = token == null || token.length() > 2048 ? new String[0] : token.split("\\.", -1);
        byte[] body;
        byte[] signature;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            body = DECODER.decode(parts[0]);
            signature = DECODER.decode(parts[1]);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException(field, "is not a link issued by this service");
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw new InvalidInputException(field, "is not a link issued by this service");
        }
        String[] fields = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[fields.length - 1]));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a link issued by this service");
        }
        if (!now.isBefore(expiresAt)) {
            throw new InvalidInputException(field, "this link has expired: make the request again");
        }
        return List.of(Arrays.copyOf(fields, fields.length - 1));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is not available", impossible);
        }
    }
}
