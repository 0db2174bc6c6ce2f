package io.firstparty.system;

import io.firstparty.system.platform.Keycloak;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.firstparty.system.platform.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every management endpoint of every service, as its OpenAPI document lists it, refuses callers
 * without a token, with a tampered, unsigned or expired token (401), and callers whose real
 * Keycloak token lacks the role (403). Endpoints the documents leave unsecured must be public ones.
 */
@Order(1)
class ManagementSecurityTest {

    /** The public endpoints, each with its own narrow credential (a write key, a form id, a signed link). */
    private static final List<Pattern> PUBLIC = List.of(
            Pattern.compile("POST /v1/(identify|track|page|screen|group|alias|batch|import|validate|\\{[a-z]+})"),
            Pattern.compile("OPTIONS .*"),
            Pattern.compile("(GET|POST) /v1/forms/\\{formId}(/embed)?"),
            Pattern.compile("(GET|POST) /v1/objections.*"),
            Pattern.compile("(GET|POST) /v1/privacy-requests.*"),
            Pattern.compile("(GET|POST) /v1/notices/feed.*"));
    private static final Map<String, String> DEMO_USER_OF_ROLE = Map.of(
            "marketer", "marketer", "privacy-officer", "privacy", "admin", "admin");

    private static LocalPlatform platform;
    private static String expiredToken;
    private static String roleless;

    @BeforeAll
    static void tokens() throws InterruptedException {
        platform = LocalPlatform.get();
        Keycloak keycloak = platform.keycloak();
        keycloak.createUser("nobody", "nobody-password", List.of());
        roleless = Sensitive.value(keycloak.token("firstparty-cli", "nobody", "nobody-password"));
        keycloak.createShortLivedClient("short-lived", 2);
        expiredToken = Sensitive.value(keycloak.token("short-lived", "admin", "demo-admin"));
        Thread.sleep(4_000);
    }

    @Test
    void aRealTokenWithTheRoleIsAccepted() {
        String token = Sensitive.value(platform.keycloak().token("admin"));
        RestAssured.given().auth().oauth2(token).get(Service.INGESTION.url() + "/v1/sources").then().statusCode(200);
        RestAssured.given().auth().oauth2(token).get(Service.CONSENT.url() + "/v1/purposes").then().statusCode(200);
    }

    @TestFactory
    Stream<DynamicTest> everyManagementEndpointChecksTheTokenAndTheRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Service service : Service.values()) {
            for (Operation operation : operations(service)) {
                if (operation.roles() == null) {
                    tests.add(DynamicTest.dynamicTest(service.module() + " " + operation + " is public",
                            () -> assertTrue(PUBLIC.stream().anyMatch(p -> p.matcher(operation.toString()).matches()),
                                    operation + " has no security requirement but is not a public endpoint")));
                } else {
                    tests.add(DynamicTest.dynamicTest(service.module() + " " + operation,
                            () -> checkRefusals(service, operation)));
                }
            }
        }
        assertFalse(tests.isEmpty(), "the OpenAPI documents list no operation");
        return tests.stream();
    }

    private void checkRefusals(Service service, Operation operation) {
        String marketer = Sensitive.value(platform.keycloak().token("marketer"));
        expectProblem(call(service, operation, RestAssured.given()), 401);
        expectProblem(call(service, operation, RestAssured.given().auth().oauth2(Tokens.tampered(marketer))), 401);
        expectProblem(call(service, operation, RestAssured.given().auth().oauth2(Tokens.unsigned(marketer))), 401);
        expectProblem(call(service, operation, RestAssured.given().auth().oauth2(expiredToken)), 401);
        expectProblem(call(service, operation, RestAssured.given().auth().oauth2(roleless)), 403);
        for (Map.Entry<String, String> demo : DEMO_USER_OF_ROLE.entrySet()) {
            boolean allowed = operation.roles().isEmpty() || operation.roles().contains(demo.getKey())
                    || demo.getValue().equals("admin") && operation.roles().stream().anyMatch(DEMO_USER_OF_ROLE::containsKey);
            if (!allowed) {
                String token = Sensitive.value(platform.keycloak().token(demo.getValue()));
                expectProblem(call(service, operation, RestAssured.given().auth().oauth2(token)), 403);
            }
        }
    }

    private static void expectProblem(Response response, int status) {
        assertEquals(status, response.statusCode(), () -> "answered " + response.statusCode() + ": " + response.asString());
        response.then().contentType("application/problem+json").body("status", equalTo(status));
    }

    private static Response call(Service service, Operation operation, RequestSpecification request) {
        String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        RequestSpecification spec = request.baseUri(service.url());
        if (Set.of("POST", "PUT", "PATCH").contains(operation.method())) {
            spec = spec.contentType(ContentType.JSON).body("{}");
        }
        return spec.request(operation.method(), path);
    }

    /** The operations of a service's OpenAPI document, with the roles of their security requirement (null: none). */
    @SuppressWarnings("unchecked")
    private static List<Operation> operations(Service service) {
        Map<String, Object> document = RestAssured.given().queryParam("format", "json")
                .get(service.url() + "/q/openapi").then().statusCode(200).extract().as(Map.class);
        List<Operation> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, methods) -> methods.forEach((method, definition) -> {
            if (!(definition instanceof Map<?, ?> op) || !Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) op.get("security");
            List<String> roles = security == null || security.isEmpty() ? null
                    : security.stream().flatMap(requirement -> requirement.values().stream()).flatMap(List::stream).toList();
            operations.add(new Operation(method.toUpperCase(), path, roles));
        }));
        return operations;
    }

    private record Operation(String method, String path, List<String> roles) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
