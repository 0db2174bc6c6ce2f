package io.firstparty.contracts.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a form sends, normalisation either yields a clean identifier or refuses with a rule;
 * it never fails otherwise, and normalising its own output changes nothing.
 */
class IdentifierNormalizerFuzzTest {

    private static final IdentifierNormalizer NORMALIZER = new IdentifierNormalizer("FR");

    @FuzzTest(maxDuration = "15s")
    void normaliseAnything(byte typeIndex, String raw) {
        IdentifierType type = IdentifierType.values()[Math.floorMod(typeIndex, IdentifierType.values().length)];
        Identifier identifier;
        try {
            identifier = NORMALIZER.normalize(type, raw);
        } catch (InvalidIdentifierException refused) {
            assertFalse(refused.rule().isBlank());
            return;
        }
        assertFalse(identifier.value().isBlank());
        assertTrue(identifier.value().chars().noneMatch(Character::isISOControl));
        assertEquals(identifier, NORMALIZER.normalize(type, identifier.value()), "normalisation must be idempotent");
    }
}
