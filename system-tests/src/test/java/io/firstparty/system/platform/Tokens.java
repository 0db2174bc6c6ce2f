package io.firstparty.system.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tokens that must be refused: tampered with, or never signed. */
public final class Tokens {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** The token with its payload changed (every role granted) but its original signature kept. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"roles\":\\[", "\"roles\":[\"admin\",\"privacy-officer\",\"marketer\",");
        return parts[0] + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The token's claims with {@code alg: none} and no signature at all. */
    public static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = ENCODER.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }
}
