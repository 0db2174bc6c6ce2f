package io.firstparty.profile;

import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.ServiceBasicsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import java.util.UUID;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ProfileServiceBasicsTest extends ServiceBasicsTest {

    @Override
    protected String managementPath() {
        return "/v1/profiles/" + UUID.randomUUID();
    }

    @Override
    protected String documentedPath() {
        return "/v1/profiles/{id}";
    }

    /** Past the role check, an unknown profile is a 404 problem. */
    @Override
    protected int servedStatus() {
        return 404;
    }

    @Override
    protected String allowedRole() {
        return Roles.MARKETER;
    }

    @Override
    protected String deniedRole() {
        return "guest";
    }
}
