package io.firstparty.ingestion;

import io.firstparty.kit.security.Roles;
import io.firstparty.kit.testing.ServiceBasicsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class IngestionServiceBasicsTest extends ServiceBasicsTest {

    @Override
    protected String managementPath() {
        return "/v1/sources";
    }

    @Override
    protected String allowedRole() {
        return Roles.ADMIN;
    }

    @Override
    protected String deniedRole() {
        return Roles.MARKETER;
    }
}
