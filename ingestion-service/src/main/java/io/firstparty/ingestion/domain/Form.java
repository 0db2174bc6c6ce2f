package io.firstparty.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A stored form. Its random id is its public credential, with its source's allowed origins: a form
 * posts without a write key, since a web page cannot keep one secret.
 *
 * @param version      counts the definition's replacements, so each event can name the version it came through
 * @param consentTexts form field to the label of its consent checkbox, with the label's own version
 */
public record Form(UUID id, UUID sourceId, int version, @JsonUnwrapped FormDefinition definition,
                   Map<String, ConsentText> consentTexts, Instant createdAt, Instant updatedAt) {

    public Form {
        consentTexts = consentTexts == null ? Map.of() : Map.copyOf(consentTexts);
    }

    /** The consent labels a definition has, versioned against the ones this form had before. */
    public static Map<String, ConsentText> consentTexts(FormDefinition definition, Map<String, ConsentText> before) {
        Map<String, ConsentText> texts = new LinkedHashMap<>();
        definition.targets().forEach((field, target) -> {
            if (target.kind() == FormFieldTarget.Kind.CONSENT) {
                texts.put(field, ConsentText.of(target.name(), definition.labels().get(field), before.get(field)));
            }
        });
        return texts;
    }
}
