package io.firstparty.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.firstparty.contracts.events.EventType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a brand's web form becomes a Segment call: what an admin sends, and what is stored.
 *
 * @param call          identify or track
 * @param event         the track call's event name, e.g. {@code Quiz Completed}; none for identify
 * @param fields        form field name to {@link FormFieldTarget} text, in the form's order
 * @param required      form fields that must be filled in (a consent checkbox: ticked)
 * @param thankYouUrl   where a browser without JavaScript is sent after posting
 * @param honeypotField a field hidden from people: bots that fill it in are answered but not stored
 * @param labels        form field name to the label shown next to it; for a consent checkbox the exact
 *                      text the person agrees to, which its consent evidence names
 */
public record FormDefinition(String name,
                             // Unknown kinds read as none, so the rules name the field in a problem.
                             @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) FormKind kind,
                             EventType call, String event, Map<String, String> fields,
                             List<String> required, String thankYouUrl, String honeypotField,
                             Map<String, String> labels) {

    public static final String DEFAULT_HONEYPOT = "website";

    /** What a form field name may be: what HTML forms use, without characters that need escaping. */
    public static final String FIELD_NAME = "^[A-Za-z0-9_.\\[\\]-]{1,100}$";

    public FormDefinition {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        // Copied without List.copyOf, which would refuse a null entry before it can be reported.
        required = required == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(required));
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        honeypotField = honeypotField == null || honeypotField.isBlank() ? DEFAULT_HONEYPOT : honeypotField;
    }

    /** The parsed targets of a definition that passed validation, in the form's order. */
    public Map<String, FormFieldTarget> targets() {
        Map<String, FormFieldTarget> targets = new LinkedHashMap<>();
        fields.forEach((field, target) -> targets.put(field, FormFieldTarget.parse(target).orElseThrow()));
        return targets;
    }
}
