package io.firstparty.contracts.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentifierNormalizerTest {

    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("FR");

    @ParameterizedTest
    @ValueSource(strings = {"06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "0033 6 12 34 56 78", "+33612345678", "06.12.34.56.78"})
    void frenchMobileNumbersAreOneNumber(String written) {
        assertEquals("+33612345678", normalizer.normalize(IdentifierType.PHONE, written).value());
    }

    @Test
    void foreignNumbersKeepTheirCountry() {
        assertEquals("+442079460958", normalizer.normalize(IdentifierType.PHONE, "+44 20 7946 0958").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {" Ada@Example.COM ", "ada@example.com", "ADA@EXAMPLE.COM", "ada @example.com"})
    void emailsIgnoreCaseAndSpaces(String written) {
        assertEquals("ada@example.com", normalizer.normalize(IdentifierType.EMAIL, written).value());
    }

    @Test
    void loyaltyCardsDropSeparatorsAndCase() {
        assertEquals("FR1234ABCD", normalizer.normalize(IdentifierType.LOYALTY_CARD, "fr-1234 abcd").value());
    }

    @Test
    void declaredTypesKeepTheirIdAndLowerTheirType() {
        Identifier crm = normalizer.normalize(IdentifierType.EXTERNAL, " CRM_id : C-1042 ");
        assertEquals("crm_id:C-1042", crm.value());
        assertEquals("external:crm_id:C-1042", crm.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon", ":C-1", "crm id:C-1", "crm_id:  ", "9crm:C-1"})
    void malformedDeclaredTypesAreRefused(String written) {
        assertThrows(InvalidIdentifierException.class, () -> normalizer.normalize(IdentifierType.EXTERNAL, written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@b", "two@@example.com", ""})
    void badEmailsNameTheRule(String written) {
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class,
                () -> normalizer.normalize(IdentifierType.EMAIL, written));
        assertEquals(IdentifierType.EMAIL, e.type());
        assertFalse(e.getMessage().contains(written.isEmpty() ? "\u0000" : written), "the value must not leak into messages");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "06 12", "call me", "+33 1"})
    void badPhonesAreRefused(String written) {
        assertThrows(InvalidIdentifierException.class, () -> normalizer.normalize(IdentifierType.PHONE, written));
    }

    @Test
    void controlCharactersAndHugeValuesAreRefused() {
        assertThrows(InvalidIdentifierException.class, () -> normalizer.normalize(IdentifierType.USER_ID, "u\u0000-1"));
        assertThrows(InvalidIdentifierException.class, () -> normalizer.normalize(IdentifierType.USER_ID, "u".repeat(257)));
    }

    @Test
    void toStringNeverShowsTheValue() {
        Identifier email = normalizer.normalize(IdentifierType.EMAIL, "ada@example.com");
        assertFalse(email.toString().contains("ada"));
    }
}
