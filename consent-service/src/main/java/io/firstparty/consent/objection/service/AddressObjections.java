package io.firstparty.consent.objection.service;

import io.firstparty.consent.campaigns.service.NoticeRecords;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.persistence.Sha256;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.identity.InvalidIdentifierException;
import io.firstparty.kit.problem.InvalidInputException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Objecting without a personal link (GDPR Art. 21, for people with no notice at hand or who are not
 * customers): one gives an e-mail address and a purpose, and the service e-mails that address a signed,
 * expiring link; following it records the objection for whoever holds the address, now or later. The
 * answer is the same whether the address is known or not, the link carries the address's hash only, and
 * the address is never logged or kept.
 */
@ApplicationScoped
public class AddressObjections {

    private static final Logger LOG = Logger.getLogger(AddressObjections.class);
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    public static final String CONFIRM = "/v1/objections/confirm/";
    static final String METHOD = "objection_by_email";
    /** The longest address the form takes (RFC 5321's path limit). */
    public static final int MAX_ADDRESS = 254;

    private final IdentifierNormalizer normalizer;
    private final PurposeService purposes;
    private final ObjectionTokens tokens;
    private final PublicLimits limits;
    private final PendingObjections objections;
    private final People people;
    private final NoticeRecords notices;
    private final ReactiveMailer mailer;
    private final Template mailText;
    private final Template mailHtml;
    private final ConsentConfig config;

    AddressObjections(IdentifierNormalizer normalizer, PurposeService purposes, ObjectionTokens tokens,
                      PublicLimits limits, PendingObjections objections, People people, NoticeRecords notices,
                      ReactiveMailer mailer, @Location("objection/confirm-mail.txt") Template mailText,
                      @Location("objection/confirm-mail.html") Template mailHtml, ConsentConfig config) {
        this.normalizer = normalizer;
        this.purposes = purposes;
        this.tokens = tokens;
        this.limits = limits;
        this.objections = objections;
        this.people = people;
        this.notices = notices;
        this.mailer = mailer;
        this.mailText = mailText;
        this.mailHtml = mailHtml;
        this.config = config;
    }

    /** A purpose one may object to, as the form offers it. */
    public record Choice(String code, String name, String text, boolean selected) {
    }

    /** The form: the legitimate-interest purposes, the one asked for (if any) chosen. */
    @Transactional
    public List<Choice> choices(String wanted, String language) {
        List<Purpose> objectable = purposes.all().stream()
                .filter(purpose -> purpose.lawfulBasis == LawfulBasis.LEGITIMATE_INTEREST).toList();
        boolean known = objectable.stream().anyMatch(purpose -> purpose.code.equals(wanted));
        return objectable.stream().map(purpose -> new Choice(purpose.code, purpose.name,
                        text(purpose, language),
                        known ? purpose.code.equals(wanted) : objectable.size() == 1))
                .toList();
    }

    public static String language(String asked) {
        return asked != null && LANGUAGES.contains(asked) ? asked : "en";
    }

    /**
     * E-mails the address its confirmation link, unless it had its share today (then nothing is sent,
     * and the caller learns nothing either). Only a malformed address or purpose is refused.
     */
    public void request(String address, String purposeCode, String language) {
        if (address == null || address.isBlank()) {
            throw new InvalidInputException("/email", "is required");
        }
        if (address.length() > MAX_ADDRESS) {
            throw new InvalidInputException("/email", "must be at most " + MAX_ADDRESS + " characters");
        }
        Identifier identifier;
        try {
            identifier = normalizer.normalize(IdentifierType.EMAIL, address);
        } catch (InvalidIdentifierException e) {
            throw new InvalidInputException("/email", "must be an e-mail address");
        }
        Purpose purpose = objectable(purposeCode);
        String lang = language(language);
        String hash = identifier.hash();
        if (!limits.mayMail(hash)) {
            return;
        }
        String link = config.campaigns().publicUrl() + CONFIRM
                + tokens.issueConfirmation(hash, purpose.code, lang, Instant.now()).token();
        boolean fr = "fr".equals(lang);
        String subject = fr ? "Confirmez votre opposition : " + purpose.name : "Confirm your objection: " + purpose.name;
        String text = mailText.data("fr", fr).data("purposeName", purpose.name).data("link", link)
                .data("validity", config.objection().confirmationValidity().toHours()).render();
        String html = mailHtml.data("fr", fr).data("subject", subject).data("purposeName", purpose.name)
                .data("link", link).data("validity", config.objection().confirmationValidity().toHours()).render();
        try {
            mailer.send(Mail.withText(identifier.value(), subject, text).setHtml(html))
                    .await().atMost(config.campaigns().sendTimeout());
        } catch (RuntimeException e) {
            // The page answers alike; the failure is logged without the address (nor the SMTP reply, which may hold it).
            LOG.warnf("an objection confirmation e-mail was not sent: %s", e.getClass().getSimpleName());
        }
    }

    /** The confirmation page: the purpose, and whether this link was already answered. */
    @Transactional
    public Objections.Form form(String token) {
        ObjectionTokens.Confirmation confirmation = tokens.readConfirmation(token, Instant.now());
        Purpose purpose = purposes.require("/token", confirmation.purpose());
        return new Objections.Form(confirmation.language(), purpose.name, text(purpose, confirmation.language()),
                objections.onRecord(evidenceKey(token)));
    }

    /**
     * Records the objection for whoever holds the address, or keeps it for whoever will; a notice the
     * person was served is named, and its receipt sent, as for a personal link. The same link answered
     * twice is one record.
     */
    @Transactional
    public Objections.Form object(String token) {
        ObjectionTokens.Confirmation confirmation = tokens.readConfirmation(token, Instant.now());
        Purpose purpose = purposes.require("/token", confirmation.purpose());
        String language = confirmation.language();
        PurposeText shown = PurposeText.find(purpose.code, purpose.version);
        Optional<String> person = people.peopleOfHash(confirmation.identifierHash()).stream().findFirst();
        Optional<NoticeRecords.LastNotice> notice = person.flatMap(p -> notices.lastServed(people.chainsOf(p), purpose.code));
        NewRecord objection = NewRecord.decision(purpose.code, ConsentAction.OBJECT, Instant.now(), Channel.EMAIL_LINK,
                METHOD, METHOD, evidenceKey(token),
                new NewRecord.Evidence(Integer.toString(purpose.version), "fr".equals(language) ? shown.hashFr : shown.hashEn,
                        notice.map(NoticeRecords.LastNotice::noticeHash).orElse(null)));
        PendingObjections.Outcome outcome = objections.record(confirmation.identifierHash(), objection);
        if (notice.isPresent() && outcome.person() != null && !outcome.replayed()) {
            notices.queueReceipt(notice.get().campaignId(), outcome.person(), language, outcome.recordId());
        }
        return new Objections.Form(language, purpose.name, text(purpose, language), true);
    }

    private Purpose objectable(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("/purpose", "is required: choose what you object to");
        }
        Purpose purpose = purposes.require("/purpose", code);
        if (purpose.lawfulBasis != LawfulBasis.LEGITIMATE_INTEREST) {
            throw new InvalidInputException("/purpose",
                    "must be a legitimate-interest purpose: a consent is withdrawn, not objected to");
        }
        return purpose;
    }

    private static String evidenceKey(String token) {
        return "objection:" + Sha256.hex(token);
    }

    private static String text(Purpose purpose, String language) {
        return "fr".equals(language) ? purpose.textFr : purpose.textEn;
    }
}
