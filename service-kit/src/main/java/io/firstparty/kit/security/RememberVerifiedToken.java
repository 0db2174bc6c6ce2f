package io.firstparty.kit.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the identity a bearer token gave once every other augmentor has run, for {@link VerifiedTokens}. */
@ApplicationScoped
public class RememberVerifiedToken implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    RememberVerifiedToken(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    /** Last, so the identity kept is the finished one. */
    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        if (!identity.isAnonymous() && credential != null && credential.getToken() != null) {
            tokens.remember(credential.getToken(), identity);
        }
        return Uni.createFrom().item(identity);
    }
}
