package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.firstparty.contracts.events.ConsentEvidence;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;
import io.firstparty.ingestion.domain.ConsentText;
import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.domain.FormFieldTarget;
import io.firstparty.ingestion.domain.Validated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Segment message a form submission stands for, built from the form's field mappings, with the
 * form's own rules (required fields, the shape of values) checked on the way. It remembers which
 * form field each part of the message came from, so that a rule the collection pipeline finds
 * broken is reported on the field the person filled in.
 */
final class FormMessage {

    /** Fields a page's script may add to carry the device's anonymous id. */
    private static final List<String> ANONYMOUS_ID_FIELDS = List.of(FormSubmission.ANONYMOUS_ID_COOKIE, "anonymousId");

    /** How consent given through a form is collected, as the consent ledger names it. */
    private static final String WEB_FORM = "web_form";

    /** Checkbox values that mean "not ticked"; any other value of a present checkbox means ticked. */
    private static final Set<String> UNTICKED = Set.of("false", "0", "off", "no");

    private final ObjectNode message = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> fieldOfPointer = new LinkedHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<ConsentEvidence> consentEvidence = new ArrayList<>();

    private FormMessage() {
    }

    /** @param submitted the posted fields as a flat object; fields the form does not map are left out */
    static FormMessage build(Form form, JsonNode submitted, String anonymousIdCookie) {
        FormMessage built = new FormMessage();
        built.map(form, submitted);
        if (!built.message.hasNonNull("anonymousId")) {
            built.message.put("anonymousId", anonymousId(submitted, anonymousIdCookie));
        }
        return built;
    }

    /** A blank field counts as not filled in, as browsers send every empty input of a form. */
    static JsonNode filledIn(JsonNode value) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        if (value.isArray()) {
            ArrayNode filled = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> {
                if (filledIn(element) != null) {
                    filled.add(element);
                }
            });
            return filled.isEmpty() ? null : filled;
        }
        return value;
    }

    ObjectNode json() {
        return message;
    }

    /**
     * The pipeline's verdict with the form's own violations added, and every violation named by the
     * form field it came from where there is one; a valid event gets the evidence of its consent boxes.
     */
    Validated withFormRules(Validated validated, EventType call) {
        List<Violation> all = new ArrayList<>(violations);
        if (validated instanceof Validated.Invalid invalid) {
            invalid.violations().stream().map(this::namedByField).forEach(all::add);
        }
        if (!all.isEmpty()) {
            return new Validated.Invalid(validated.messageId(), call, all, message.toString());
        }
        return validated instanceof Validated.Valid valid && !consentEvidence.isEmpty()
                ? new Validated.Valid(valid.event().withConsentEvidence(consentEvidence)) : validated;
    }

    private void map(Form form, JsonNode submitted) {
        FormDefinition definition = form.definition();
        boolean identify = definition.call() == EventType.IDENTIFY;
        ObjectNode context = message.putObject("context");
        context.putObject("form").put("id", form.id().toString()).put("version", form.version());
        ObjectNode consent = context.putObject("consent").putObject("categoryPreferences");
        // Segment's convention: an identify call carries traits itself, a track call under its context.
        ObjectNode traits = identify ? message.putObject("traits") : context.putObject("traits");
        String traitsPointer = identify ? "/traits/" : "/context/traits/";
        ObjectNode properties = identify ? null : message.putObject("properties");
        if (!identify) {
            message.put("event", definition.event());
        }
        definition.targets().forEach((field, target) -> {
            JsonNode value = filledIn(submitted.get(field));
            boolean consentTarget = target.kind() == FormFieldTarget.Kind.CONSENT;
            if (definition.required().contains(field) && (consentTarget ? !ticked(value) : value == null)) {
                fail(field, consentTarget ? "must be ticked" : "is required");
            }
            switch (target.kind()) {
                case CONSENT -> {
                    put(consent, "/context/consent/categoryPreferences/", target.name(),
                            BooleanNode.valueOf(ticked(value)), field);
                    evidence(form.consentTexts().get(field), ticked(value));
                }
                case TRAIT -> put(traits, traitsPointer, target.name(), plain(field, value), field);
                case PROPERTY -> put(properties, "/properties/", target.name(), plain(field, value), field);
                case IDENTIFIER -> put(traits, traitsPointer, target.traitName(), single(field, value), field);
                case USER_ID -> put(message, "/", "userId", single(field, value), field);
                case ANONYMOUS_ID -> put(message, "/", "anonymousId", single(field, value), field);
            }
        });
    }

    /** Forms defined before labels were kept have none: their boxes still set preferences, without evidence. */
    private void evidence(ConsentText label, boolean granted) {
        if (label != null) {
            consentEvidence.add(new ConsentEvidence(label.purpose(), granted, Integer.toString(label.version()),
                    label.sha256(), WEB_FORM));
        }
    }

    private void put(ObjectNode parent, String pointer, String name, JsonNode value, String field) {
        if (value != null) {
            parent.set(name, value);
            fieldOfPointer.put(pointer + name, field);
        }
    }

    /** Text, a number, true or false, or a list of them: what a form can hold. */
    private JsonNode plain(String field, JsonNode value) {
        if (value == null) {
            return null;
        }
        boolean flat = value.isValueNode() || (value.isArray() && allValues(value));
        if (!flat) {
            fail(field, "must be text, a number, true or false, or a list of them");
            return null;
        }
        return value;
    }

    /** Identifiers and ids are one piece of text; numbers (a card number sent as JSON) are taken as their digits. */
    private JsonNode single(String field, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            fail(field, "must be a single value");
            return null;
        }
        return TextNode.valueOf(value.asText());
    }

    private static boolean allValues(JsonNode list) {
        for (JsonNode element : list) {
            if (!element.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean ticked(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isBoolean() || value.isNumber()) {
            return value.asBoolean();
        }
        return !value.isTextual() || !UNTICKED.contains(value.asText().strip().toLowerCase(Locale.ROOT));
    }

    private Violation namedByField(Violation violation) {
        for (Map.Entry<String, String> mapped : fieldOfPointer.entrySet()) {
            String pointer = mapped.getKey();
            if (violation.field().equals(pointer) || violation.field().startsWith(pointer + "/")) {
                return new Violation("/" + mapped.getValue(), violation.rule());
            }
        }
        return violation;
    }

    private void fail(String field, String rule) {
        violations.add(new Violation("/" + field, rule));
    }

    /** The id a page's script or analytics.js gave the device, or a new one for a browser without either. */
    private static String anonymousId(JsonNode submitted, String cookie) {
        for (String name : ANONYMOUS_ID_FIELDS) {
            JsonNode value = filledIn(submitted.get(name));
            if (value != null && value.isValueNode()) {
                return value.asText().strip();
            }
        }
        // analytics.js stores the id JSON-encoded, quotes included.
        String fromCookie = cookie == null ? "" : cookie.replace("%22", "").replace("\"", "").strip();
        return fromCookie.isEmpty() ? UUID.randomUUID().toString() : fromCookie;
    }
}
