package io.firstparty.ingestion.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** A source's secret for the collection API: shown once, stored only as its hash. */
public record WriteKey(String secret) {

    private static final String PREFIX = "fpwk_";
    private static final int RANDOM_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static WriteKey generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return new WriteKey(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    public static String hash(String secret) {
        return Sha256.hex(secret);
    }

    public String hash() {
        return hash(secret);
    }

    /** Enough to recognise a key in a list, far too little to use it. */
    public String displayPrefix() {
        return secret.substring(0, PREFIX.length() + 4);
    }

    @Override
    public String toString() {
        return "WriteKey[" + displayPrefix() + "…]";
    }
}
