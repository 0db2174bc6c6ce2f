package io.firstparty.ingestion.service;

import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.domain.FormFieldTarget;
import io.firstparty.ingestion.domain.FormKind;
import io.firstparty.ingestion.domain.Source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a form definition must follow, all checked at once so that an admin sees every broken
 * rule in one answer, each named by its JSON pointer in the definition.
 */
final class FormDefinitionRules {

    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_EVENT_LENGTH = 200;
    private static final int MAX_FIELDS = 100;
    private static final int MAX_URL_LENGTH = 2000;
    private static final int MAX_LABEL_LENGTH = 2000;

    /** The identifier a kind of form exists to collect. */
    private static final Map<FormKind, String> NEEDED_IDENTIFIER =
            Map.of(FormKind.NEWSLETTER, "email", FormKind.LOYALTY, "loyalty_card");

    private final List<Violation> violations = new ArrayList<>();

    private FormDefinitionRules() {
    }

    static List<Violation> check(FormDefinition definition, Source source) {
        FormDefinitionRules rules = new FormDefinitionRules();
        if (definition == null) {
            rules.fail("/", "a form definition is required");
        } else {
            rules.checkDefinition(definition, source);
        }
        return rules.violations;
    }

    private void checkDefinition(FormDefinition definition, Source source) {
        if (definition.name() == null || definition.name().isBlank() || definition.name().length() > MAX_NAME_LENGTH) {
            fail("/name", "is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        if (definition.kind() == null) {
            fail("/kind", "is required: newsletter, quiz or loyalty");
        }
        checkCall(definition, source);
        Map<String, FormFieldTarget> targets = checkFields(definition);
        checkRequired(definition);
        checkLabels(definition, targets);
        checkThankYouUrl(definition.thankYouUrl());
        if (!definition.honeypotField().matches(FormDefinition.FIELD_NAME)) {
            fail("/honeypotField", "must be 1 to 100 letters, digits, _ - . [ ]");
        } else if (definition.fields().containsKey(definition.honeypotField())) {
            fail("/honeypotField", "must not be one of the mapped fields: people fill those in");
        }
        String needed = definition.kind() == null ? null : NEEDED_IDENTIFIER.get(definition.kind());
        if (needed != null && targets.values().stream().noneMatch(
                target -> target.kind() == FormFieldTarget.Kind.IDENTIFIER && target.name().equals(needed))) {
            fail("/fields", "a " + definition.kind().name().toLowerCase(Locale.ROOT)
                    + " form must map a field to identifier:" + needed);
        }
    }

    private void checkCall(FormDefinition definition, Source source) {
        EventType call = definition.call();
        if (call != EventType.IDENTIFY && call != EventType.TRACK) {
            fail("/call", "is required: identify or track");
            return;
        }
        if (!source.allows(call)) {
            fail("/call", "this source may not send " + call.code() + " calls");
        }
        boolean named = definition.event() != null && !definition.event().isBlank();
        if (call == EventType.TRACK && (!named || definition.event().length() > MAX_EVENT_LENGTH)) {
            fail("/event", "is required for a track call, at most " + MAX_EVENT_LENGTH + " characters");
        } else if (call == EventType.IDENTIFY && definition.event() != null) {
            fail("/event", "only a track call has an event name");
        }
    }

    /** @return the targets that parsed, by field */
    private Map<String, FormFieldTarget> checkFields(FormDefinition definition) {
        Map<String, FormFieldTarget> targets = new HashMap<>();
        if (definition.fields().isEmpty() || definition.fields().size() > MAX_FIELDS) {
            fail("/fields", "must map 1 to " + MAX_FIELDS + " form fields");
        }
        Map<FormFieldTarget, String> fieldOfDestination = new HashMap<>();
        definition.fields().forEach((field, text) -> {
            String pointer = "/fields/" + field.replace("~", "~0").replace("/", "~1");
            if (!field.matches(FormDefinition.FIELD_NAME)) {
                fail(pointer, "form field names are 1 to 100 letters, digits, _ - . [ ]");
                return;
            }
            FormFieldTarget target = FormFieldTarget.parse(text).orElse(null);
            if (target == null) {
                fail(pointer, "must be " + FormFieldTarget.FORMAT);
            } else if (target.kind() == FormFieldTarget.Kind.PROPERTY && definition.call() == EventType.IDENTIFY) {
                fail(pointer, "properties belong to track calls; an identify call carries traits");
            } else if (fieldOfDestination.putIfAbsent(target.destination(), field) != null) {
                fail(pointer, "writes to the same place as the field " + fieldOfDestination.get(target.destination()));
            } else {
                targets.put(field, target);
            }
        });
        return targets;
    }

    private void checkRequired(FormDefinition definition) {
        Set<String> mapped = definition.fields().keySet();
        for (int i = 0; i < definition.required().size(); i++) {
            if (!mapped.contains(definition.required().get(i))) {
                fail("/required/" + i, "must name one of the mapped fields");
            }
        }
    }

    /** Every label names a mapped field; a consent checkbox must have one, the exact text its evidence names. */
    private void checkLabels(FormDefinition definition, Map<String, FormFieldTarget> targets) {
        definition.labels().forEach((field, label) -> {
            String pointer = "/labels/" + field.replace("~", "~0").replace("/", "~1");
            if (!definition.fields().containsKey(field)) {
                fail(pointer, "must name one of the mapped fields");
            } else if (label == null || label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
                fail(pointer, "must be 1 to " + MAX_LABEL_LENGTH + " characters");
            }
        });
        targets.forEach((field, target) -> {
            if (target.kind() == FormFieldTarget.Kind.CONSENT && !definition.labels().containsKey(field)) {
                fail("/labels/" + field, "a consent checkbox needs the exact text shown next to it, "
                        + "which its consent evidence names");
            }
        });
    }

    private void checkThankYouUrl(String url) {
        String rule = "must be an absolute http or https URL, at most " + MAX_URL_LENGTH + " characters";
        if (url == null || url.length() > MAX_URL_LENGTH) {
            fail("/thankYouUrl", rule);
            return;
        }
        try {
            URI uri = new URI(url);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                fail("/thankYouUrl", rule);
            }
        } catch (URISyntaxException e) {
            fail("/thankYouUrl", rule);
        }
    }

    private void fail(String field, String rule) {
        violations.add(new Violation(field, rule));
    }
}
