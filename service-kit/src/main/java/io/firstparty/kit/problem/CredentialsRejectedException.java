package io.firstparty.kit.problem;

import java.util.Map;

/** Missing, unknown or disabled credentials on a public endpoint (a write key, say). */
public class CredentialsRejectedException extends FirstpartyException {

    private final String challenge;

    public CredentialsRejectedException(String detail, String challenge) {
        super(detail);
        this.challenge = challenge;
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String type() {
        return "unauthorized";
    }

    @Override
    public String title() {
        return "Credentials are missing or not accepted";
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", challenge);
    }
}
