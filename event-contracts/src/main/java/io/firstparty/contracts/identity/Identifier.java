package io.firstparty.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A normalised identifier: build it with {@link IdentifierNormalizer} so every service compares like with like. */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** {@code type:value}, the form used in lookups such as {@code ?identifier=email:ada@example.com}. */
    public String key() {
        return type.code() + ":" + value;
    }

    /**
     * SHA-256 of {@link #key()}: lets suppression lists and logs refer to an identifier without
     * holding the personal data itself.
     */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        // Identifiers are personal data: never print the value by accident.
        return "Identifier[" + type.code() + ":" + hash().substring(0, 12) + "]";
    }
}
