package io.firstparty.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A normalised identifier: build it with {@link IdentifierNormalizer} so every service compares like with like. */
public record Identifier(IdentifierType type, String value) {

    /** One digest per thread: looking the algorithm up costs more than hashing an identifier. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    });

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
        return HexFormat.of().formatHex(SHA_256.get().digest(key().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        // Identifiers are personal data: never print the value by accident.
        return "Identifier[" + type.code() + ":" + hash().substring(0, 12) + "]";
    }
}
