package io.firstparty.ingestion.service;

import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.domain.FormFieldTarget;

import java.util.Map;

/**
 * The HTML a brand pastes into its page to show a form: a plain {@code <form>} that posts without
 * JavaScript, every input with its label, consent boxes unticked, and the honeypot hidden from
 * people and from screen readers. Labels are the definition's, escaped; a field without one is
 * labelled by its name.
 */
final class FormEmbed {

    private static final Map<String, String> INPUT_TYPES = Map.of("email", "email", "phone", "tel");
    private static final Map<String, String> AUTOCOMPLETE = Map.of("email", "email", "phone", "tel");

    private FormEmbed() {
    }

    /** @param action the absolute URL the form posts to */
    static String html(Form form, String action) {
        FormDefinition definition = form.definition();
        String prefix = "fp-" + form.id().toString().substring(0, 8) + "-";
        StringBuilder html = new StringBuilder()
                .append("<form class=\"firstparty-form\" action=\"").append(escape(action))
                .append("\" method=\"post\" accept-charset=\"UTF-8\" aria-label=\"").append(escape(definition.name()))
                .append("\">\n")
                .append("  <input type=\"hidden\" name=\"").append(FormFields.CHARSET_FIELD).append("\">\n");
        definition.targets().forEach((field, target) -> {
            String id = prefix + field;
            boolean required = definition.required().contains(field);
            String label = "<label for=\"" + escape(id) + "\">" + escape(definition.labels().getOrDefault(field, field))
                    + "</label>";
            String attributes = "id=\"" + escape(id) + "\" name=\"" + escape(field) + "\""
                    + (required ? " required aria-required=\"true\"" : "");
            switch (target.kind()) {
                case CONSENT -> html.append("  <p class=\"firstparty-consent\"><input type=\"checkbox\" value=\"yes\" ")
                        .append(attributes).append("> ").append(label).append("</p>\n");
                case USER_ID, ANONYMOUS_ID -> html.append("  <input type=\"hidden\" ").append(attributes).append(">\n");
                default -> html.append("  <p>").append(label).append(" <input type=\"")
                        .append(inputType(target)).append("\" ").append(attributes).append(autocomplete(target))
                        .append("></p>\n");
            }
        });
        String honeypot = prefix + definition.honeypotField();
        return html.append("  <div aria-hidden=\"true\" style=\"position:absolute;left:-10000px;width:1px;height:1px;")
                .append("overflow:hidden\"><label for=\"").append(escape(honeypot)).append("\">Leave this empty</label>")
                .append("<input type=\"text\" id=\"").append(escape(honeypot)).append("\" name=\"")
                .append(escape(definition.honeypotField())).append("\" tabindex=\"-1\" autocomplete=\"off\"></div>\n")
                .append("  <button type=\"submit\">Send</button>\n")
                .append("</form>\n").toString();
    }

    private static String inputType(FormFieldTarget target) {
        return target.kind() == FormFieldTarget.Kind.IDENTIFIER ? INPUT_TYPES.getOrDefault(target.name(), "text") : "text";
    }

    private static String autocomplete(FormFieldTarget target) {
        String hint = target.kind() == FormFieldTarget.Kind.IDENTIFIER ? AUTOCOMPLETE.get(target.name()) : null;
        return hint == null ? "" : " autocomplete=\"" + hint + "\"";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
