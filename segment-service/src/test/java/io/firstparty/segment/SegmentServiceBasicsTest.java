package io.firstparty.segment;

import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.ServiceBasicsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SegmentServiceBasicsTest extends ServiceBasicsTest {

    @Override
    protected String managementPath() {
        return "/v1/segments";
    }

    @Override
    protected String allowedRole() {
        return Roles.MARKETER;
    }

    @Override
    protected String deniedRole() {
        return Roles.PRIVACY_OFFICER;
    }
}
