package io.firstparty.consent;

import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.ServiceBasicsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ConsentServiceBasicsTest extends ServiceBasicsTest {

    @Override
    protected String managementPath() {
        return "/v1/purposes";
    }

    @Override
    protected String allowedRole() {
        return Roles.PRIVACY_OFFICER;
    }

    @Override
    protected String deniedRole() {
        return Roles.MARKETER;
    }
}
