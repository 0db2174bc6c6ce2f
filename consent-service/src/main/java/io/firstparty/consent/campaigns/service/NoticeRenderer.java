package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.persistence.Sha256;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's notice in one language, as plain text and HTML (Qute), the right to object stated in a
 * section of its own with the person's link; and the receipt of an objection. The notice's version is the SHA-256 of what it shows
 * everyone: the subject and both bodies rendered with a placeholder in place of the personal link.
 */
@ApplicationScoped
public class NoticeRenderer {

    private static final String LINK_PLACEHOLDER = "{personal-objection-link}";

    private final Template text;
    private final Template html;
    private final Template receiptText;
    private final Template receiptHtml;
    private final ConsentConfig config;

    NoticeRenderer(@Location("campaigns/notice.txt") Template text, @Location("campaigns/notice.html") Template html,
                   @Location("campaigns/receipt.txt") Template receiptText,
                   @Location("campaigns/receipt.html") Template receiptHtml, ConsentConfig config) {
        this.text = text;
        this.html = html;
        this.receiptText = receiptText;
        this.receiptHtml = receiptHtml;
        this.config = config;
    }

    public record Notice(String subject, String text, String html) {
    }

    public Notice render(NoticeCampaign campaign, String language, String objectionUrl) {
        boolean fr = "fr".equals(language);
        String startsOn = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale(language))
                .format(campaign.processingStartsAt.atZone(ZoneOffset.UTC));
        String subject = campaign.subject(language);
        return new Notice(subject,
                text.data("fr", fr).data("text", campaign.text(language)).data("startsOn", startsOn)
                        .data("link", objectionUrl).render(),
                html.data("fr", fr).data("subject", subject).data("text", campaign.text(language))
                        .data("startsOn", startsOn).data("link", objectionUrl).render());
    }

    /**
     * The receipt of an objection, with the fields of a consent record (ISO/IEC TS 27560): the
     * controller, the purpose, when and how the objection was made, and the notice it answered.
     */
    public Notice receipt(LedgerRecord objection, String purposeName, String language) {
        boolean fr = "fr".equals(language);
        String subject = fr ? "Votre opposition est enregistrée : " + purposeName
                : "Your objection is recorded: " + purposeName;
        String recordedAt = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.MEDIUM)
                .withLocale(locale(language)).format(objection.occurredAt.atZone(ZoneOffset.UTC)) + " UTC";
        Map<String, Object> fields = Map.of("fr", fr, "subject", subject, "controller", config.campaigns().controller(),
                "purposeName", purposeName, "purposeCode", objection.purposeCode, "recordedAt", recordedAt,
                "channel", objection.channel.code(), "method", objection.method,
                "noticeVersion", objection.noticeVersion == null ? "-" : objection.noticeVersion,
                "recordId", objection.id.toString());
        TemplateInstance plain = receiptText.instance();
        TemplateInstance rich = receiptHtml.instance();
        fields.forEach((name, value) -> {
            plain.data(name, value);
            rich.data(name, value);
        });
        return new Notice(subject, plain.render(), rich.render());
    }

    private static Locale locale(String language) {
        return "fr".equals(language) ? Locale.FRENCH : Locale.UK;
    }

    /** The version of the notice in this language, the same for every person. */
    public String hash(NoticeCampaign campaign, String language) {
        Notice notice = render(campaign, language, LINK_PLACEHOLDER);
        return Sha256.hex(notice.subject() + "\n" + notice.text() + "\n" + notice.html());
    }
}
