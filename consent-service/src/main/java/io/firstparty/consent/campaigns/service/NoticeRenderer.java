package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.persistence.Sha256;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * A campaign's notice in one language, as plain text and HTML (Qute), the right to object stated in a
 * section of its own with the person's link. The notice's version is the SHA-256 of what it shows
 * everyone: the subject and both bodies rendered with a placeholder in place of the personal link.
 */
@ApplicationScoped
public class NoticeRenderer {

    private static final String LINK_PLACEHOLDER = "{personal-objection-link}";

    private final Template text;
    private final Template html;

    NoticeRenderer(@Location("campaigns/notice.txt") Template text, @Location("campaigns/notice.html") Template html) {
        this.text = text;
        this.html = html;
    }

    public record Notice(String subject, String text, String html) {
    }

    public Notice render(NoticeCampaign campaign, String language, String objectionUrl) {
        boolean fr = "fr".equals(language);
        String startsOn = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(fr ? Locale.FRENCH : Locale.UK)
                .format(campaign.processingStartsAt.atZone(ZoneOffset.UTC));
        String subject = campaign.subject(language);
        return new Notice(subject,
                text.data("fr", fr).data("text", campaign.text(language)).data("startsOn", startsOn)
                        .data("link", objectionUrl).render(),
                html.data("fr", fr).data("subject", subject).data("text", campaign.text(language))
                        .data("startsOn", startsOn).data("link", objectionUrl).render());
    }

    /** The version of the notice in this language, the same for every person. */
    public String hash(NoticeCampaign campaign, String language) {
        Notice notice = render(campaign, language, LINK_PLACEHOLDER);
        return Sha256.hex(notice.subject() + "\n" + notice.text() + "\n" + notice.html());
    }
}
