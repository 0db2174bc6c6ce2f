package io.firstparty.system;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Http;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.Sensitive;
import io.firstparty.system.platform.Service;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** Events posted with a brand's write key are stored, and a write key opens nothing else. */
@Order(2)
class CollectionThroughThePlatformTest {

    private static LocalPlatform platform;
    private static Brand brand;

    @BeforeAll
    static void brand() {
        platform = LocalPlatform.get();
        brand = Brand.create(platform, "Maison Lumière");
    }

    @Test
    void anIdentifyWithPersonalDataIsStored() {
        String email = Sensitive.value("chloe." + UUID.randomUUID().toString().substring(0, 8) + "@mail.example");
        String phone = Sensitive.value("06 12 34 " + String.format("%02d %02d", (int) (Math.random() * 100), (int) (Math.random() * 100)));
        Brand own = Brand.create(platform, "Maison Lumière");
        own.collect().body(Map.of("anonymousId", "phone-" + UUID.randomUUID(), "messageId", "m-" + UUID.randomUUID(),
                        "traits", Map.of("email", email, "phone", phone, "firstName", "Chloé")))
                .post("/v1/identify").then().statusCode(200);

        Http.await("the identify to be archived", Duration.ofSeconds(30),
                () -> ((Number) own.stats().get("stored")).longValue() == 1, platform.service(Service.INGESTION));
    }

    @Test
    void aWriteKeyReadsNothing() {
        RestAssured.given().auth().preemptive().basic(brand.writeKey(), "")
                .get(Service.INGESTION.url() + "/v1/sources/" + brand.sourceId()).then().statusCode(401);
        RestAssured.given().auth().oauth2(brand.writeKey())
                .get(Service.INGESTION.url() + "/v1/sources/" + brand.sourceId()).then().statusCode(401);
        RestAssured.given().auth().oauth2(brand.writeKey())
                .get(Service.PROFILE.url() + "/v1/profiles/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void aWriteKeyOfOneBrandCannotPostAsAnother() {
        Brand other = Brand.create(platform, "Autre Maison");
        brand.collect().body(Map.of("userId", "u-" + UUID.randomUUID(), "event", "Order Completed",
                        "writeKey", other.writeKey()))
                .post("/v1/track").then().statusCode(equalTo(200));

        Http.await("the track to be archived", Duration.ofSeconds(30),
                () -> ((Number) brand.stats().get("stored")).longValue() >= 1, platform.service(Service.INGESTION));
        RestAssured.given().auth().oauth2(other.adminToken())
                .get(Service.INGESTION.url() + "/v1/sources/" + other.sourceId() + "/stats")
                .then().statusCode(200).body("stored", equalTo(0));
    }
}
