package io.firstparty.consent;

import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class PurposeResourceTest {

    @Test
    void purposesComeFromTheMigratedDatabaseWithTheirLawfulBasis() {
        as(Roles.PRIVACY_OFFICER).get("/v1/purposes").then()
                .statusCode(200)
                .body("code", hasItems("marketing_email", "ai_training"))
                .body("find { it.code == 'ai_training' }.lawfulBasis", equalTo("legitimate_interest"))
                .body("find { it.code == 'marketing_email' }.lawfulBasis", equalTo("consent"));
    }
}
