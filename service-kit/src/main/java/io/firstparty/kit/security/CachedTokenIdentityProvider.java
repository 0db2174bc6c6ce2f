package io.firstparty.kit.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token verified a moment ago with the identity it gave then; any other token goes
 * on to the OIDC provider, which verifies it (and {@link RememberVerifiedToken} keeps the result).
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    CachedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before the OIDC provider. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    /**
     * The identity kept, carrying this request's HTTP and authentication contexts (the OIDC provider
     * puts both among its attributes) instead of those of the request it was verified in.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        SecurityIdentity verified = tokens.identity(request.getToken().getToken());
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder current = QuarkusSecurityIdentity.builder(verified);
        Object routing = request.getAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        if (routing != null) {
            current.addAttribute(RoutingContext.class.getName(), routing);
        }
        if (verified.getAttribute(AuthenticationRequestContext.class.getName()) != null) {
            current.addAttribute(AuthenticationRequestContext.class.getName(), context);
        }
        return Uni.createFrom().item(current.build());
    }
}
