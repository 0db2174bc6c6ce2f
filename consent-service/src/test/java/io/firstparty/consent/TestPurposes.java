package io.firstparty.consent;

import io.firstparty.kit.security.Roles;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;

/** Purposes of a test's own, so that holding one back or objecting to it touches no other test. */
final class TestPurposes {

    private TestPurposes() {
    }

    /** A new legitimate-interest purpose named "AI training". */
    static String legitimateInterest() {
        String code = "ai_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        as(Roles.PRIVACY_OFFICER).contentType(ContentType.JSON).body(Map.of("code", code, "name", "AI training",
                        "lawfulBasis", "legitimate_interest",
                        "text", Map.of("en", "Training our models on what you do.", "fr", "Entraîner nos modèles.")))
                .post("/v1/purposes").then().statusCode(201);
        return code;
    }
}
