package io.firstparty.consent;

import io.firstparty.consent.objection.service.SigningKeyCheck;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In production the objection links' signing key must be one nobody else can know. */
class SigningKeyCheckTest {

    @Test
    void theBuiltInDefaultADemoValueAndAShortKeyAreRefused() throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String setting = properties.getProperty("firstparty.consent.objection.secret");
        String builtIn = setting.substring(setting.indexOf(':') + 1, setting.lastIndexOf('}'));
        assertEquals("is left at a default or demo value", SigningKeyCheck.weakness(builtIn).orElseThrow());

        assertTrue(SigningKeyCheck.weakness("changeme").isPresent());
        assertTrue(SigningKeyCheck.weakness("demo-secret-for-the-quickstart-0123456789").isPresent());
        assertTrue(SigningKeyCheck.weakness("").isPresent());
        assertTrue(SigningKeyCheck.weakness(null).isPresent());
        String shortKey = "k7Qp2xVt9sLw3mZr8bNc4hJd6fGy1aE"; // 31 bytes
        assertEquals("is shorter than 32 bytes", SigningKeyCheck.weakness(shortKey).orElseThrow());
        assertFalse(SigningKeyCheck.weakness(shortKey).orElseThrow().contains(shortKey), "the value is never told");
    }

    @Test
    void aRandomKeyOfThirtyTwoBytesIsAccepted() {
        assertFalse(SigningKeyCheck.weakness("k7Qp2xVt9sLw3mZr8bNc4hJd6fGy1aEu").isPresent());
        assertFalse(SigningKeyCheck.weakness("vN3q8Kx2Lr7Tz5Wm1Hc9Bf4Yd6Gs0Pj2Qa8Ue5Ri7Oy3").isPresent());
    }
}
