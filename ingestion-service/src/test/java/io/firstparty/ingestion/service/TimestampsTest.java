package io.firstparty.ingestion.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class TimestampsTest {

    /** The common forms are read directly, every other valid form by the JDK; both agree with the JDK. */
    @ParameterizedTest
    @CsvSource({"2026-03-01T10:15:30Z, true", "2026-03-01T10:15:30.1Z, true", "2026-03-01T10:15:30.123Z, true",
            "2026-03-01T10:15:30.123456789Z, true", "2026-03-01T10:15:30.123+01:00, true",
            "1999-12-31T23:59:59-05:30, true", "2024-02-29T00:00:00+00:00, true", "0001-01-01T00:00:00Z, true",
            "9999-12-31T23:59:59.999999999-17:59, true", "2026-03-01T10:15Z, false", "2026-03-01t10:15:30z, false",
            "2026-03-01T10:15:30+01:00:00, false", "+12026-03-01T10:15:30Z, false", "2026-03-01T10:15:30.Z, false",
            "2026-03-01T10:15:30+18:00, false"})
    void validFormsAgreeWithTheJdk(String text, boolean readDirectly) {
        assertEquals(readDirectly, Timestamps.parseCommonForm(text) != null, text);
        assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:15:30Z", "2023-02-29T10:15:30Z", "2026-13-01T10:15:30Z",
            "2026-03-01T24:00:00Z", "2026-03-01T10:60:30Z", "2026-03-01T10:15:60Z", "2026-03-01T10:15:30",
            "2026-03-01T10:15:30.1234567891Z", "2026-03-01T10:15:30+1:00", "2026-03-01T10:15:30+01:60", "2026-03-01 10:15:30Z",
            "yesterday", "", "2026-03-01T10:15:30Zjunk", "2026-03-01T10:15:30+19:00"})
    void invalidTextIsRefusedAsTheJdkRefusesIt(String text) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text));
    }

    /** Random texts close to the common form: wherever the JDK accepts one, both give the same instant. */
    @Test
    void agreesWithTheJdkOnRandomNearMisses() {
        SplittableRandom random = new SplittableRandom(20261122);
        String alphabet = "0123456789-:.TZ+ t";
        for (int round = 0; round < 200_000; round++) {
            char[] text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09d%s", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextInt(1_000_000_000), random.nextBoolean() ? "Z" : String.format("%s%02d:%02d",
                            random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(62))).toCharArray();
            int length = text.length;
            if (random.nextInt(3) == 0) {
                text[random.nextInt(length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (random.nextInt(3) == 0) {
                int cut = 20 + random.nextInt(length - 20);
                System.arraycopy(text, length - 1, text, cut, 1);
                length = cut + 1;
            }
            String candidate = new String(text, 0, length);
            Instant expected;
            try {
                expected = OffsetDateTime.parse(candidate).toInstant();
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> Timestamps.parse(candidate), candidate);
                continue;
            }
            try {
                assertEquals(expected, Timestamps.parse(candidate), candidate);
            } catch (DateTimeParseException e) {
                fail(candidate + " is valid but was refused");
            }
        }
    }
}
