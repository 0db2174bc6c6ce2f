package io.firstparty.system.platform;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;

/**
 * The real OIDC provider of the run: tokens of the realm's demo users (password grant, as
 * {@code ./firstparty token} gets them), and the admin API for users and clients a test needs.
 */
public final class Keycloak {

    static final String ADMIN_USER = "system-tests-admin";
    public static final String REALM = "firstparty";
    private static final String CLI_CLIENT = "firstparty-cli";

    private final String url;
    private final String adminPassword;

    Keycloak(String url, String adminPassword) {
        this.url = url;
        this.adminPassword = adminPassword;
    }

    public String issuer() {
        return url + "/realms/" + REALM;
    }

    /** An access token of a demo user of the realm ({@code marketer}, {@code privacy}, {@code admin}). */
    public String token(String user) {
        return token(CLI_CLIENT, user, "demo-" + user);
    }

    public String token(String client, String user, String password) {
        return RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", client)
                .formParam("username", user).formParam("password", password)
                .post(issuer() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Creates a user of the realm with a password and the given realm roles (possibly none). */
    public void createUser(String user, String password, List<String> roles) {
        String admin = adminToken();
        int status = RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", user, "enabled", true, "email", user + "@people.example",
                        "emailVerified", true, "firstName", user, "lastName", "Tester",
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post(url + "/admin/realms/" + REALM + "/users").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("creating a Keycloak user answered " + status);
        }
        for (String role : roles) {
            Map<String, Object> representation = RestAssured.given().auth().oauth2(admin)
                    .get(url + "/admin/realms/" + REALM + "/roles/" + role).then().statusCode(200).extract().as(Map.class);
            String id = RestAssured.given().auth().oauth2(admin).queryParam("username", user).queryParam("exact", true)
                    .get(url + "/admin/realms/" + REALM + "/users").then().statusCode(200).extract().path("[0].id");
            RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON).body(List.of(representation))
                    .post(url + "/admin/realms/" + REALM + "/users/" + id + "/role-mappings/realm").then().statusCode(204);
        }
    }

    /**
     * A public client like the command-line one (same audience mapper) whose access tokens live
     * only {@code seconds}: how a test gets a token that is genuine but expired.
     */
    public void createShortLivedClient(String clientId, int seconds) {
        String admin = adminToken();
        List<Map<String, Object>> found = RestAssured.given().auth().oauth2(admin).queryParam("clientId", CLI_CLIENT)
                .get(url + "/admin/realms/" + REALM + "/clients").then().statusCode(200).extract().as(List.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> client = new java.util.HashMap<>(found.get(0));
        client.remove("id");
        client.put("clientId", clientId);
        client.put("redirectUris", List.of());
        client.put("attributes", Map.of("access.token.lifespan", String.valueOf(seconds)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mappers = (List<Map<String, Object>>) client.get("protocolMappers");
        if (mappers != null) {
            mappers.forEach(mapper -> mapper.remove("id"));
        }
        int status = RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                .post(url + "/admin/realms/" + REALM + "/clients").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("creating a Keycloak client answered " + status);
        }
    }

    private String adminToken() {
        return RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", ADMIN_USER).formParam("password", adminPassword)
                .post(url + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
