package io.firstparty.profile;

import io.firstparty.kit.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ProfileResourceTest {

    @Inject
    DataSource dataSource;

    private UUID profileId;

    @BeforeEach
    void storeAProfile() throws SQLException {
        profileId = UUID.randomUUID();
        String suffix = profileId.toString().substring(0, 8);
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO profile (id) VALUES (?)", profileId);
            execute(connection, "INSERT INTO profile_identifier (type, value, profile_id, origin_profile_id) VALUES ('email', ?, ?, ?)",
                    "ada-" + suffix + "@example.com", profileId, profileId);
            execute(connection, "INSERT INTO profile_identifier (type, value, profile_id, origin_profile_id) VALUES ('phone', ?, ?, ?)",
                    "+3361234" + String.format("%04d", Math.abs(profileId.hashCode()) % 10000), profileId, profileId);
            execute(connection, "INSERT INTO profile_trait (profile_id, name, value, source_id, message_id, updated_at) "
                    + "VALUES (?, 'firstName', '\"Ada\"'::jsonb, 'src-1', 'm-1', now())", profileId);
        }
    }

    @Test
    void lookupNormalisesTheEmailLikeIngestionDoes() {
        String written = " ADA-" + profileId.toString().substring(0, 8).toUpperCase() + "@Example.com ";
        as(Roles.MARKETER).queryParam("identifier", "email:" + written).get("/v1/profiles").then()
                .statusCode(200)
                .body("id", equalTo(profileId.toString()))
                .body("traits.firstName.value", equalTo("Ada"))
                .body("traits.firstName.sourceId", equalTo("src-1"))
                .body("identifiers.type", hasItems("email", "phone"));
    }

    @Test
    void lookupNormalisesFrenchPhoneNumbers() {
        String digits = String.format("%04d", Math.abs(profileId.hashCode()) % 10000);
        String national = "06 12 34 " + digits.substring(0, 2) + " " + digits.substring(2);
        as(Roles.PRIVACY_OFFICER).queryParam("identifier", "phone:" + national).get("/v1/profiles").then()
                .statusCode(200)
                .body("id", equalTo(profileId.toString()));
    }

    @Test
    void profileIsReadById() {
        as(Roles.MARKETER).get("/v1/profiles/" + profileId).then()
                .statusCode(200)
                .body("identifiers.size()", equalTo(2));
    }

    @Test
    void malformedIdentifierNamesTheParameterAndTheRule() {
        as(Roles.MARKETER).queryParam("identifier", "shoe-size:42").get("/v1/profiles").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("identifier"))
                .body("violations[0].rule", containsString("type:value"));
    }

    @Test
    void invalidEmailIsRefusedWithTheRuleNotEchoed() {
        as(Roles.MARKETER).queryParam("identifier", "email:not-an-address").get("/v1/profiles").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("e-mail address"))
                .body(org.hamcrest.Matchers.not(containsString("not-an-address")));
    }

    @Test
    void unknownIdentifierIsProblem404() {
        as(Roles.MARKETER).queryParam("identifier", "email:nobody-" + UUID.randomUUID() + "@example.com")
                .get("/v1/profiles").then()
                .statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
