package io.firstparty.consent.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 in lower-case hex: texts people saw, ledger links, identifiers kept without their value. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Sha256() {
    }

    public static String hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static boolean looksLikeOne(String value) {
        return value != null && HEX.matcher(value).matches();
    }
}
